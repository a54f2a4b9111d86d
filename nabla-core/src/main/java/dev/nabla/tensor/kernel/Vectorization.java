package dev.nabla.tensor.kernel;

import java.util.Optional;

/**
 * Decides once, at class initialisation, whether the kernels may use the incubating Vector API
 * ({@code jdk.incubator.vector}), after Apache Lucene's {@code VectorizationProvider}. When the module is not in
 * the boot layer, one warning says how to enable it and every kernel takes its plain-Java path. The system
 * property {@code nabla.vector=false} forces the plain path even when the module is present.
 *
 * <p>No class of this package that names a Vector API type may be loaded unless {@link #enabled()} is true:
 * such classes are reached only behind that check, so a JVM started without the module never resolves them.
 */
public final class Vectorization {
    static final String PROPERTY = "nabla.vector";
    static final String MODULE = "jdk.incubator.vector";

    private static final System.Logger LOG = System.getLogger("dev.nabla.tensor.kernel");
    private static final boolean ENABLED = detect();

    private Vectorization() {
    }

    /** True when the Vector API kernels are in use. */
    public static boolean enabled() {
        return ENABLED;
    }

    /** Why the plain path was chosen, or empty when the Vector API may be used; pure so tests can drive it. */
    static Optional<String> plainPathReason(boolean modulePresent, String property) {
        if (property != null && property.trim().equalsIgnoreCase("false")) {
            return Optional.of("system property " + PROPERTY + "=false: using the plain-Java kernels");
        }
        if (!modulePresent) {
            return Optional.of("the Java Vector API module is not enabled, so matrix kernels run on the slow "
                    + "plain-Java path; add --add-modules " + MODULE + " to the java command line");
        }
        return Optional.empty();
    }

    private static boolean detect() {
        boolean present = ModuleLayer.boot().findModule(MODULE).isPresent();
        String property;
        try {
            property = System.getProperty(PROPERTY);
        } catch (SecurityException e) {
            property = null;
        }
        Optional<String> reason = plainPathReason(present, property);
        if (reason.isPresent()) {
            // A user who asked for the plain path explicitly needs no warning, only a trace.
            System.Logger.Level level = present ? System.Logger.Level.INFO : System.Logger.Level.WARNING;
            LOG.log(level, reason.get());
            return false;
        }
        // Only now is it safe to touch a class that links against the incubator module.
        Optional<String> hardware = VectorShapeCheck.unsuitableReason();
        if (hardware.isPresent()) {
            LOG.log(System.Logger.Level.WARNING, hardware.get());
            return false;
        }
        return true;
    }
}
