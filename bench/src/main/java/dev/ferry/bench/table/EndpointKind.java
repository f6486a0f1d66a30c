package dev.ferry.bench.table;

/** What a Freshsales call was for, as issue 13 counts calls against the minimum. */
public enum EndpointKind {
    /** {@code POST .../bulk_upsert}: up to 100 records in one job. */
    BULK_SUBMIT("bulk"),
    /** {@code GET /job_statuses/{id}}: a job's progress. */
    POLL("poll"),
    /** Reads spent finding or checking records: lookup, search, filtered search, filterize, views, GETs, listings. */
    SEARCH("search/view/lookup"),
    /** One record written (create, upsert, update, delete, link). */
    WRITE("single writes");

    private final String label;

    EndpointKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * The kind of one endpoint as the Freshsales sandbox's request summary names it ({@code "METHOD /prefix/template"}).
     * POSTs that only read ({@code /lookup}, {@code /search}, {@code /filtered_search/...}, {@code .../filterize})
     * count as searches.
     */
    public static EndpointKind of(String endpoint) {
        int space = endpoint.indexOf(' ');
        String method = space < 0 ? "GET" : endpoint.substring(0, space);
        String path = space < 0 ? endpoint : endpoint.substring(space + 1);
        if (path.endsWith("/bulk_upsert")) {
            return BULK_SUBMIT;
        }
        if (path.contains("/job_statuses/")) {
            return POLL;
        }
        if (method.equals("GET") || path.contains("/filtered_search/") || path.endsWith("/filterize")
                || path.endsWith("/lookup") || path.endsWith("/search")) {
            return SEARCH;
        }
        return WRITE;
    }
}
