package dev.nabla.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report page. Written as well-formed XHTML-compatible HTML (every element closed, text escaped) so
 * that any HTML or XML parser reads it; styles are inline so the page is a single file besides its images.
 */
final class ReportHtml {
    private ReportHtml() {
    }

    static String page(Report report, List<String> images) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>")
                .append(escape("nabla report: " + report.title())).append("</title>\n<style>\n")
                .append("body { font-family: sans-serif; margin: 2em; color: #222; }\n")
                .append("table { border-collapse: collapse; margin-bottom: 1.5em; }\n")
                .append("td, th { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; }\n")
                .append("td.num { text-align: right; font-family: monospace; }\n")
                .append("img { max-width: 100%; margin: 0.5em 1em 1em 0; border: 1px solid #eee; }\n")
                .append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(escape(report.title())).append("</h1>\n");

        sb.append("<h2>Final metrics</h2>\n<p>Measured on ").append(escape(report.metricsOn())).append(".</p>\n");
        sb.append("<table id=\"metrics\">\n<tr><th>metric</th><th>value</th></tr>\n");
        report.finalMetrics().forEach((name, value) -> sb.append("<tr><td>").append(escape(name))
                .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.4f", value)).append("</td></tr>\n"));
        sb.append("</table>\n");

        sb.append("<h2>Learning curves</h2>\n<p>");
        for (String image : images) {
            if (!image.equals(Report.CONFUSION)) {
                sb.append(img(image));
            }
        }
        sb.append("</p>\n");
        if (images.contains(Report.CONFUSION)) {
            sb.append("<h2>Confusion matrix</h2>\n<p>").append(img(Report.CONFUSION)).append("</p>\n");
        }

        sb.append("<h2>Configuration</h2>\n<table id=\"configuration\">\n<tr><th>option</th><th>value</th></tr>\n");
        for (Map.Entry<String, String> e : report.configuration().entrySet()) {
            sb.append("<tr><td>").append(escape(e.getKey())).append("</td><td>").append(escape(e.getValue()))
                    .append("</td></tr>\n");
        }
        sb.append("</table>\n");
        sb.append("<p>").append(report.history().epochs().size()).append(" epochs run");
        if (report.history().stoppedEarly()) {
            sb.append(", stopped early; weights of epoch ").append(report.history().bestEpoch()).append(" kept");
        }
        sb.append(".</p>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static String img(String file) {
        String alt = file.substring(0, file.length() - ".png".length());
        return "<img src=\"" + escape(file) + "\" alt=\"" + escape(alt) + "\"/>";
    }

    /** Escapes the five characters that are special in HTML text and attribute values. */
    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
