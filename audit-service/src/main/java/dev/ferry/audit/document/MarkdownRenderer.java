package dev.ferry.audit.document;

import java.util.List;
import java.util.regex.Pattern;

/**
 * An outline as Markdown. Every value is escaped twice over: HTML's special characters become entities (a Markdown
 * viewer passes raw HTML through, so a workflow named {@code <script>} would otherwise run there) and Markdown's
 * punctuation is backslash-escaped (a name cannot turn into a link, emphasis or a table column). Values never start
 * a line (each follows a label, a bullet or a cell border), so {@code -} and {@code .} can stay as they are.
 */
public final class MarkdownRenderer {

    private static final Pattern MARKDOWN_PUNCTUATION = Pattern.compile("([\\\\`*_{}\\[\\]#+!|~])");

    private MarkdownRenderer() {
    }

    public static String render(Outline outline) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(escape(outline.title())).append("\n\n");
        for (String p : outline.preface()) {
            md.append(escape(p)).append("\n\n");
        }
        for (Outline.Section s : outline.sections()) {
            md.append("## ").append(escape(s.heading())).append("\n\n");
            for (Outline.Row r : s.rows()) {
                md.append("- **").append(escape(r.label())).append(":** ").append(escape(r.value())).append('\n');
            }
            md.append('\n');
            if (s.table() != null) {
                table(md, s.table());
            }
            if (!s.notes().isEmpty()) {
                md.append("Notes:\n\n");
                s.notes().forEach(n -> md.append("- ").append(escape(n)).append('\n'));
                md.append('\n');
            }
        }
        if (outline.sections().isEmpty()) {
            md.append("_Nothing to rebuild: the run documented none._\n");
        }
        return md.toString();
    }

    private static void table(StringBuilder md, Outline.Table t) {
        md.append(escape(t.caption())).append(":\n\n");
        if (t.rows().isEmpty()) {
            md.append("none\n\n");
            return;
        }
        row(md, t.header());
        md.append('|').append(" --- |".repeat(t.header().size())).append('\n');
        t.rows().forEach(r -> row(md, r));
        md.append('\n');
    }

    private static void row(StringBuilder md, List<String> cells) {
        md.append('|');
        cells.forEach(c -> md.append(' ').append(escape(c)).append(" |"));
        md.append('\n');
    }

    /** Text as inert Markdown on one line: entities for HTML, backslashes for Markdown, line breaks as spaces. */
    static String escape(String text) {
        String oneLine = text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ");
        // Raw HTML in Markdown starts with '<' (and an entity with '&'); quotes are harmless outside a tag.
        String html = oneLine.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return MARKDOWN_PUNCTUATION.matcher(html).replaceAll("\\\\$1");
    }
}
