package dev.nabla.optim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A name with optional numeric arguments, as the command line writes optimisers, schedules and losses:
 * {@code NAME[:ARGS]}, where ARGS are comma-separated values in the kind's documented order, or {@code key=value}
 * pairs in any order, or both (positional first): {@code step:10,0.5}, {@code step:gamma=0.5,every=10},
 * {@code rmsprop:momentum=0.9,centered=true}. Booleans are written {@code true}/{@code false} (or 1/0).
 *
 * @param name the lower-case name before the colon
 * @param args the text after it, unparsed (empty when there is none)
 */
public record NamedArgs(String name, String args) {

    /** Splits {@code text} at its first colon; the name is trimmed and lower-cased. */
    public static NamedArgs parse(String text) {
        int colon = text.indexOf(':');
        String name = (colon < 0 ? text : text.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
        return new NamedArgs(name, colon < 0 ? "" : text.substring(colon + 1).trim());
    }

    /**
     * The arguments as numbers: every key of {@code defaults} (whose order is the positional order) with its given
     * value or its default.
     *
     * @throws IllegalArgumentException naming the argument that is unknown, repeated, surplus or not a number
     */
    public Map<String, Double> values(Map<String, Double> defaults) {
        Map<String, Double> out = new LinkedHashMap<>(defaults);
        if (args.isEmpty()) {
            return Collections.unmodifiableMap(out);
        }
        List<String> keys = List.copyOf(defaults.keySet());
        java.util.Set<String> given = new java.util.HashSet<>();
        int position = 0;
        boolean named = false;
        for (String item : args.split(",", -1)) {
            String part = item.trim();
            int eq = part.indexOf('=');
            String key;
            String value;
            if (eq >= 0) {
                key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT).replace('-', '_');
                value = part.substring(eq + 1).trim();
                named = true;
                if (!defaults.containsKey(key)) {
                    throw new IllegalArgumentException(name + ": unknown argument '" + key + "'; "
                            + (keys.isEmpty() ? "it takes none" : "expected " + String.join(", ", keys)));
                }
            } else {
                if (named) {
                    throw new IllegalArgumentException(name + ": value '" + part + "' after key=value arguments; "
                            + "give values in order first");
                }
                if (position >= keys.size()) {
                    throw new IllegalArgumentException(name + ": too many values in '" + args + "'; "
                            + (keys.isEmpty() ? "it takes none" : "it takes " + String.join(", ", keys)));
                }
                key = keys.get(position++);
                value = part;
            }
            if (!given.add(key)) {
                throw new IllegalArgumentException(name + ": argument '" + key + "' given twice");
            }
            out.put(key, number(key, value));
        }
        return Collections.unmodifiableMap(out);
    }

    private double number(String key, String value) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> {
                return 1;
            }
            case "false" -> {
                return 0;
            }
            default -> {
            }
        }
        try {
            double v = Double.parseDouble(value);
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(name + ": " + key + " must be a number, got '" + value + "'");
    }

    /** {@code key=value} pairs of {@code values} that differ from {@code defaults}, for a one-line description. */
    static String changed(Map<String, Double> values, Map<String, Double> defaults) {
        StringBuilder sb = new StringBuilder();
        defaults.forEach((k, d) -> {
            Double v = values.get(k);
            if (v != null && !v.equals(d)) {
                sb.append(sb.isEmpty() ? "" : ", ").append(k).append(' ').append(format(v));
            }
        });
        return sb.toString();
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** An unmodifiable map of {@code key, default, key, default, …} in that order (the positional order). */
    static Map<String, Double> ordered(Object... keyValues) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], (Double) keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }

    /** The boolean argument {@code key}, written 1 or 0. */
    static boolean flag(Map<String, Double> values, String key) {
        double v = values.get(key);
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException(key + " is true or false (1 or 0), got " + format(v));
        }
        return v == 1;
    }

    /** The whole-number argument {@code key}, at least {@code min}. */
    static int whole(Map<String, Double> values, String key, int min) {
        double v = values.get(key);
        if (v != Math.rint(v) || v < min || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key + " must be a whole number of at least " + min + ", got " + format(v));
        }
        return (int) v;
    }
}
