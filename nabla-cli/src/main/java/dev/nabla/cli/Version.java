package dev.nabla.cli;

import picocli.CommandLine;

/** {@code nabla --version}: the version recorded in the jar's manifest ("dev" when run from classes). */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Nabla.class.getPackage().getImplementationVersion();
        return new String[] {"nabla " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ", "
                + System.getProperty("os.arch") + ")"};
    }
}
