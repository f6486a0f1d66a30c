package dev.ferry.audit.document;

import java.util.List;

/**
 * A rebuild document before it is rendered: plain text only, so Markdown and HTML say exactly the same and each
 * renderer escapes every value it writes (a workflow named {@code <script>} stays text in both).
 *
 * @param title the document's title
 * @param preface paragraphs before the entries
 * @param sections one per workflow or integration, in source-id order
 */
public record Outline(String title, List<String> preface, List<Section> sections) {

    public Outline {
        preface = List.copyOf(preface);
        sections = List.copyOf(sections);
    }

    /**
     * One entry.
     *
     * @param heading the entry's name and source id
     * @param rows labelled facts, in order
     * @param table a table of parts (a workflow's actions), or null
     * @param notes remarks for the admin
     */
    public record Section(String heading, List<Row> rows, Table table, List<String> notes) {
        public Section {
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }
    }

    /** A labelled fact. */
    public record Row(String label, String value) {
    }

    /** A table with a header row; every row as long as the header. */
    public record Table(String caption, List<String> header, List<List<String>> rows) {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }
}
