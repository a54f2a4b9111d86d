package dev.nabla.data;

import java.util.Locale;

/** What a column of a table is to a model: an input of one kind, or left out and why. */
public enum ColumnKind {
    /** Numbers: imputed, with a missing-cell indicator, and scaled. */
    NUMBER,
    /** Texts (or yes/no, true/false): levels, one-hot or a learned embedding. */
    CATEGORY,
    /** Text with nearly every value distinct (a name, a key): left out. */
    IDENTIFIER,
    /** One value in every training row: left out. */
    CONSTANT,
    /** Left out because the user said so ({@code --ignore}). */
    IGNORED;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the column becomes an input of the network. */
    public boolean isInput() {
        return this == NUMBER || this == CATEGORY;
    }

    public static ColumnKind fromId(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
