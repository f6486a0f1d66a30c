package dev.ferry.audit.document;

import java.util.List;

/**
 * An outline as one self-contained HTML page: no script, no external resource, every value escaped. The audit serves
 * it with a Content-Security-Policy that forbids scripts as well, so even a value that escaped escaping could not run.
 */
public final class HtmlRenderer {

    /** What the page may load: its own inline style, nothing else. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private HtmlRenderer() {
    }

    public static String render(Outline outline) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(outline.title())).append("</title>\n<style>body{font-family:sans-serif;max-width:60em;"
                        + "margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em;"
                        + "text-align:left;vertical-align:top}dt{font-weight:bold}</style>\n</head>\n<body>\n<h1>")
                .append(escape(outline.title())).append("</h1>\n");
        for (String p : outline.preface()) {
            h.append("<p>").append(escape(p)).append("</p>\n");
        }
        for (Outline.Section s : outline.sections()) {
            h.append("<section>\n<h2>").append(escape(s.heading())).append("</h2>\n<dl>\n");
            for (Outline.Row r : s.rows()) {
                h.append("<dt>").append(escape(r.label())).append("</dt><dd>").append(escape(r.value()))
                        .append("</dd>\n");
            }
            h.append("</dl>\n");
            if (s.table() != null) {
                table(h, s.table());
            }
            if (!s.notes().isEmpty()) {
                h.append("<ul>\n");
                s.notes().forEach(n -> h.append("<li>").append(escape(n)).append("</li>\n"));
                h.append("</ul>\n");
            }
            h.append("</section>\n");
        }
        if (outline.sections().isEmpty()) {
            h.append("<p><em>Nothing to rebuild: the run documented none.</em></p>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder h, Outline.Table t) {
        h.append("<table>\n<caption>").append(escape(t.caption())).append("</caption>\n");
        cells(h, "th", t.header());
        t.rows().forEach(r -> cells(h, "td", r));
        h.append("</table>\n");
    }

    private static void cells(StringBuilder h, String tag, List<String> cells) {
        h.append("<tr>");
        cells.forEach(c -> h.append('<').append(tag).append('>').append(escape(c)).append("</").append(tag)
                .append('>'));
        h.append("</tr>\n");
    }

    /** Text as HTML text or attribute content: the five characters that can change markup become entities. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
