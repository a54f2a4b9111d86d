package dev.nabla.explain;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The seeds' notation as text: an op's equation ({@link dev.nabla.autograd.Formula}) with names put in for its roles,
 * written in Unicode or in LaTeX. A template is read as tokens: a symbol (one letter and its combining marks, e.g.
 * {@code Ā}), a word (several letters, e.g. {@code tanh}) or any other single character.
 */
final class MathText {
    static final char BAR = '\u0304';
    private static final char HAT = '\u0302';
    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉ₐₑₒₓᵢⱼₖₗₘₙₚₛₜ";
    private static final String SUBSCRIPT_PLAIN = "0123456789aeoxijklmnpst";
    private static final String SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹ᵀⁿ⁺⁻⁽⁾";
    private static final String SUPERSCRIPT_PLAIN = "0123456789Tn+-()";
    private static final Map<String, String> GREEK = Map.ofEntries(Map.entry("α", "\\alpha"), Map.entry("β", "\\beta"),
            Map.entry("γ", "\\gamma"), Map.entry("δ", "\\delta"), Map.entry("ε", "\\varepsilon"), Map.entry("θ", "\\theta"),
            Map.entry("λ", "\\lambda"), Map.entry("μ", "\\mu"), Map.entry("σ", "\\sigma"), Map.entry("φ", "\\varphi"),
            Map.entry("Φ", "\\Phi"), Map.entry("π", "\\pi"), Map.entry("τ", "\\tau"), Map.entry("η", "\\eta"),
            Map.entry("ω", "\\omega"), Map.entry("Σ", "\\sum"), Map.entry("Δ", "\\Delta"));
    private static final Map<String, String> OPERATORS = Map.ofEntries(Map.entry("·", "\\,"), Map.entry("ᵀ", "^T"),
            Map.entry("⊙", "\\odot"), Map.entry("−", "-"), Map.entry("≤", "\\le"), Map.entry("≥", "\\ge"),
            Map.entry("½", "\\tfrac{1}{2}"), Map.entry("′", "'"), Map.entry("…", "\\dots"), Map.entry("‖", "\\Vert "),
            Map.entry("²", "^2"), Map.entry("³", "^3"), Map.entry("∘", "\\circ"), Map.entry("×", "\\times"));
    private static final Set<String> NAMED_FUNCTIONS = Set.of("tanh", "log", "exp", "max", "min");

    private MathText() {
    }

    /** A symbol's names: its own and its gradient's. */
    record Names(String symbol, String gradient) {
    }

    enum Kind { SYMBOL, WORD, OTHER }

    record Token(String text, Kind kind) {
        /** The symbol without its bar. */
        String base() {
            return text.replace(String.valueOf(BAR), "");
        }

        boolean barred() {
            return text.indexOf(BAR) >= 0;
        }
    }

    static List<Token> tokens(String text) {
        String s = nfd(text);
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int j = i + Character.charCount(cp);
            if (isLetter(cp)) {
                while (j < s.length() && isLetter(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                boolean word = s.codePointCount(i, j) > 1;
                while (j < s.length() && isMark(s.codePointAt(j))) {
                    j += Character.charCount(s.codePointAt(j));
                }
                out.add(new Token(s.substring(i, j), word ? Kind.WORD : Kind.SYMBOL));
            } else {
                out.add(new Token(s.substring(i, j), Kind.OTHER));
            }
            i = j;
        }
        return out;
    }

    private static boolean isLetter(int cp) {
        return Character.isLetter(cp) && Character.getType(cp) != Character.MODIFIER_LETTER;
    }

    private static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    /** The roles of {@code roles} that occur in {@code template}, barred or not, in order of first occurrence. */
    static Set<String> rolesIn(String template, Set<String> roles) {
        Set<String> out = new LinkedHashSet<>();
        for (Token t : tokens(template)) {
            if (t.kind() == Kind.SYMBOL && roles.contains(t.base()) && !t.barred()) {
                out.add(t.base());
            }
        }
        return out;
    }

    /**
     * {@code template} with each role replaced by its names. A gradient {@code unit} known to be 1 (the loss's own,
     * ε̄ = 1) is left out together with the product sign after it.
     */
    static String render(String template, Map<String, Names> roles, String unit, boolean latex) {
        List<Token> ts = tokens(template);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ts.size(); i++) {
            Token t = ts.get(i);
            if (t.kind() == Kind.SYMBOL && roles.containsKey(t.base())) {
                if (t.barred() && t.base().equals(unit) && i + 1 < ts.size() && ts.get(i + 1).text().equals("·")) {
                    i++;
                    continue;
                }
                Names n = roles.get(t.base());
                String name = t.barred() ? n.gradient() : n.symbol();
                String shown = latex ? latexSymbol(name) : name;
                // A name with its own superscript (x², W⁽¹⁾) gets brackets before a power or a transpose: (x²)², {x^{2}}^2.
                boolean raised = i + 1 < ts.size() && SUPERSCRIPTS.contains(ts.get(i + 1).text())
                        && SUPERSCRIPTS.indexOf(nfd(name).charAt(nfd(name).length() - 1)) >= 0;
                out.append(raised ? (latex ? "{" + shown + "}" : "(" + shown + ")") : shown);
            } else if (!latex) {
                out.append(t.text());
            } else if (isFraction(ts, i)) {
                out.append("\\frac{").append(latexToken(ts, i + 1, roles)).append("}{")
                        .append(latexToken(ts, i + 3, roles)).append('}');
                i += 4;
            } else {
                out.append(latexToken(ts, i, roles));
            }
        }
        return nfc(out.toString());
    }

    /** Precomposed letters (Ā) taken apart into letter and mark, so that every bar is one U+0304. */
    static String nfd(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD);
    }

    /** Letters and marks composed where Unicode has one character for them, as text is usually typed. */
    static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** "(a/b)" with single tokens a and b. */
    private static boolean isFraction(List<Token> ts, int i) {
        return i + 4 < ts.size() && ts.get(i).text().equals("(") && ts.get(i + 2).text().equals("/")
                && ts.get(i + 4).text().equals(")") && !ts.get(i + 1).text().isBlank() && !ts.get(i + 3).text().isBlank();
    }

    private static String latexToken(List<Token> ts, int i, Map<String, Names> roles) {
        Token t = ts.get(i);
        String s = t.text();
        if (t.kind() == Kind.SYMBOL && roles.containsKey(t.base())) {
            Names n = roles.get(t.base());
            return latexSymbol(t.barred() ? n.gradient() : n.symbol());
        }
        if (t.kind() == Kind.WORD) {
            return NAMED_FUNCTIONS.contains(s) ? "\\" + s : "\\operatorname{" + s + "}";
        }
        if (t.kind() == Kind.SYMBOL) {
            String plain = GREEK.getOrDefault(t.base(), t.base());
            return t.barred() ? "\\overline{" + plain + "}" : plain;
        }
        if (s.equals("1")) {
            String before = neighbour(ts, i, -1);
            String after = neighbour(ts, i, 1);
            if (after.equals("(")) {
                return "\\mathbb{1}";
            }
            return before.equals("·") || after.equals("·") ? "\\mathbf{1}" : "1";
        }
        return OPERATORS.getOrDefault(s, s);
    }

    /** The nearest token before (step −1) or after (step 1) position i that is not a space. */
    private static String neighbour(List<Token> ts, int i, int step) {
        for (int j = i + step; j >= 0 && j < ts.size(); j += step) {
            if (!ts.get(j).text().isBlank()) {
                return ts.get(j).text();
            }
        }
        return "";
    }

    /**
     * A name in LaTeX, bold as the UMONS seed writes matrices: {@code Ā₁} → {@code \overline{\boldsymbol{A}}_{1}},
     * {@code W_s} → {@code \boldsymbol{W}_{s}}, {@code δ³} → {@code \boldsymbol{\delta}^{3}}.
     */
    static String latexSymbol(String symbol) {
        String name = nfd(symbol);
        StringBuilder letters = new StringBuilder();
        StringBuilder sub = new StringBuilder();
        StringBuilder sup = new StringBuilder();
        boolean bar = false;
        boolean hat = false;
        boolean inSub = false;
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            String c = new String(Character.toChars(cp));
            i += Character.charCount(cp);
            int k;
            if (cp == BAR) {
                bar = true;
            } else if (cp == HAT) {
                hat = true;
            } else if (c.equals("_")) {
                inSub = true;
            } else if ((k = SUBSCRIPTS.indexOf(c)) >= 0) {
                sub.append(SUBSCRIPT_PLAIN.charAt(k));
            } else if ((k = SUPERSCRIPTS.indexOf(c)) >= 0) {
                sup.append(SUPERSCRIPT_PLAIN.charAt(k));
            } else if (c.equals("′")) {
                sup.append('\'');
            } else if (inSub) {
                sub.append(GREEK.getOrDefault(c, c));
            } else {
                letters.append(GREEK.containsKey(c) ? GREEK.get(c) + " " : c);
            }
        }
        String core = "\\boldsymbol{" + letters.toString().trim() + "}";
        if (hat) {
            core = "\\hat{" + core + "}";
        }
        if (bar) {
            core = "\\overline{" + core + "}";
        }
        return core + (sub.isEmpty() ? "" : "_{" + sub + "}") + (sup.isEmpty() ? "" : "^{" + sup + "}");
    }

    /** {@code symbol} with a bar over its first letter: the name of its gradient (G → Ḡ, A₁ → Ā₁). */
    static String bar(String symbol) {
        String s = nfd(symbol);
        int first = Character.charCount(s.codePointAt(0));
        return nfc(s.substring(0, first) + BAR + s.substring(first));
    }

    /** n in subscript digits (12 → ₁₂). */
    static String subscript(int n) {
        StringBuilder sb = new StringBuilder();
        for (char c : Integer.toString(n).toCharArray()) {
            sb.append(SUBSCRIPTS.charAt(c - '0'));
        }
        return sb.toString();
    }

    /** Columns the text takes in a monospaced font: combining marks take none. */
    static int width(String s) {
        return (int) s.codePoints().filter(cp -> !isMark(cp)).count();
    }

    /** {@code s} padded with spaces to {@code columns} display columns. */
    static String pad(String s, int columns) {
        return s + " ".repeat(Math.max(0, columns - width(s)));
    }
}
