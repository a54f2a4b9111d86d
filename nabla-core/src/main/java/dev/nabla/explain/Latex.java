package dev.nabla.explain;

import java.util.List;

/** An explanation as a LaTeX document: one {@code align*} block per section, shapes beside, notes below their line. */
final class Latex {
    private Latex() {
    }

    static String write(Explanation e, boolean values) {
        StringBuilder sb = new StringBuilder();
        // The names, shapes and notes are Unicode text: a Unicode TeX engine and a font that has the symbols.
        sb.append("% Compile with lualatex or xelatex.\n\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n")
                .append("\\usepackage{fontspec}\n\\IfFontExistsTF{DejaVu Serif}{\\setmainfont{DejaVu Serif}}{}\n")
                .append("\\IfFontExistsTF{DejaVu Sans Mono}{\\setmonofont{DejaVu Sans Mono}}{}\n\\begin{document}\n\n");
        sb.append("\\section*{").append(escape(e.title().isEmpty() ? "nabla explain" : e.title())).append("}\n\n");
        for (String line : Reports.header(e)) {
            sb.append("\\noindent\\texttt{").append(escape(line)).append("}\\\\\n");
        }
        sb.append("\n\\subsection*{Parameters (state dict)}\n\\begin{tabular}{llll}\n");
        for (Term t : e.parameters()) {
            sb.append("$").append(MathText.latexSymbol(t.symbol())).append("$ & \\texttt{").append(escape(t.stateName()))
                    .append("} & $").append(Reports.latexShape(t.shape())).append("$ & ").append(t.value().size())
                    .append(" \\\\\n");
        }
        sb.append("\\end{tabular}\n");
        for (Equation.Section s : Equation.Section.values()) {
            String heading = Reports.heading(s);
            sb.append("\n\\subsection*{").append(escape(Character.toUpperCase(heading.charAt(0)) + heading.substring(1)))
                    .append("}\n\\begin{align*}\n");
            List<Equation> lines = e.section(s);
            for (int i = 0; i < lines.size(); i++) {
                Equation q = lines.get(i);
                sb.append(aligned(q.latex())).append(" && (").append(Reports.latexShape(q.lhs().shape())).append(")");
                if (i + 1 < lines.size() || q.note() != null) {
                    sb.append(" \\\\");
                }
                sb.append('\n');
                if (q.note() != null) {
                    sb.append("\\intertext{\\small Note: ").append(escape(q.note())).append("}\n");
                }
            }
            sb.append("\\end{align*}\n");
        }
        if (values) {
            String text = Reports.text(e, true);
            sb.append("\n\\subsection*{Values of one pass}\n\\begin{verbatim}\n")
                    .append(text, text.indexOf("values of one pass"), text.length()).append("\\end{verbatim}\n");
        }
        return sb.append("\n\\end{document}\n").toString();
    }

    /** The equation with its relation as the alignment point. */
    static String aligned(String latex) {
        String plusEquals = " \\mathrel{+}= ";
        int at = latex.indexOf(plusEquals);
        if (at >= 0) {
            return latex.substring(0, at) + " &\\mathrel{+}= " + latex.substring(at + plusEquals.length());
        }
        at = latex.indexOf(" = ");
        return latex.substring(0, at) + " &= " + latex.substring(at + 3);
    }

    static String escape(String text) {
        return text.replace("\\", "\u0000").replace("{", "\\{").replace("}", "\\}").replace("_", "\\_")
                .replace("&", "\\&").replace("%", "\\%").replace("#", "\\#").replace("$", "\\$")
                .replace("^", "\\textasciicircum{}").replace("~", "\\textasciitilde{}").replace("\u0000", "\\textbackslash{}");
    }
}
