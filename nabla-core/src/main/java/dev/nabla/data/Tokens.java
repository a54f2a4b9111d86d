package dev.nabla.data;

import java.util.Collection;

/**
 * Short texts matched case-insensitively (as {@link String#regionMatches(boolean, int, String, int, int)} does), looked
 * up by length first: most cells of a text column are no token, and telling so costs neither a copy nor a hash.
 */
final class Tokens {
    /** Spellings of infinity that other tools write: refused rather than read as a category level. */
    static final Tokens INFINITY = new Tokens(java.util.List.of("inf", "+inf", "-inf", "infinity", "+infinity",
            "-infinity"));

    private final char[][][] byLength;

    Tokens(Collection<String> tokens) {
        int longest = tokens.stream().mapToInt(String::length).max().orElse(0);
        byLength = new char[longest + 1][][];
        for (int n = 0; n <= longest; n++) {
            int len = n;
            byLength[n] = tokens.stream().filter(t -> t.length() == len).distinct().map(String::toCharArray)
                    .toArray(char[][]::new);
        }
    }

    /** Whether {@code buf[offset, offset + length)} is one of the tokens, ignoring case. */
    boolean matches(char[] buf, int offset, int length) {
        if (length >= byLength.length) {
            return false;
        }
        for (char[] t : byLength[length]) {
            if (equalsIgnoreCase(buf, offset, t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean equalsIgnoreCase(char[] buf, int offset, char[] token) {
        for (int k = 0; k < token.length; k++) {
            char a = buf[offset + k];
            char b = token[k];
            if (a != b && Character.toUpperCase(a) != Character.toUpperCase(b)
                    && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }
}
