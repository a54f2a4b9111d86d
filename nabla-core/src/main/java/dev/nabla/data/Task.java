package dev.nabla.data;

/** What a target asks of a network; it chooses the output layer and the loss. */
public enum Task {
    /** Three or more classes: softmax over the outputs, softmax cross-entropy. */
    MULTICLASS,
    /** Two classes: one output through the sigmoid, binary cross-entropy. */
    BINARY,
    /** A number: identity output, squared error. */
    REGRESSION;

    /** Lower-case name as used in model files and the command line. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The task with the given {@link #id()}, case-insensitive. */
    public static Task fromId(String id) {
        for (Task t : values()) {
            if (t.id().equalsIgnoreCase(id)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown task '" + id + "'; expected multiclass, binary or regression");
    }
}
