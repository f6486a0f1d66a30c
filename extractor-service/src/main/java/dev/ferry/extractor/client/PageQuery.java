package dev.ferry.extractor.client;

import java.time.Instant;

/**
 * One page request: {@code GET /api/v1/{path}?page=&per_page=&sort=updated_at&include_deleted=true[&updated_since=]}.
 *
 * @param updatedSince inclusive lower bound on {@code updated_at}, or null for all records
 */
public record PageQuery(String path, int page, int perPage, Instant updatedSince) {

    public PageQuery {
        if (page < 1 || perPage < 1) {
            throw new IllegalArgumentException("page and per_page start at 1");
        }
    }

    /** Describes the request for logs and failure reasons (no token, no record content). */
    @Override
    public String toString() {
        return path + " page " + page + (updatedSince == null ? "" : " updated_since " + updatedSince);
    }
}
