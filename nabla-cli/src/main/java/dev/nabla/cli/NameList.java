package dev.nabla.cli;

import java.util.Arrays;
import java.util.Iterator;

/** Names for an option's help (${COMPLETION-CANDIDATES}), read from one of the library's name tables. */
abstract class NameList implements Iterable<String> {
    private final String names;

    /** @param names the table's names, comma separated */
    NameList(String names) {
        this.names = names;
    }

    @Override
    public Iterator<String> iterator() {
        return Arrays.stream(names.split(", ")).iterator();
    }
}
