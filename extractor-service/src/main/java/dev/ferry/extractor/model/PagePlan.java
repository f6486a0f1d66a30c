package dev.ferry.extractor.model;

/**
 * The page grid of a resource's page pass, fixed when its first page is read and kept for resumes (page numbers only
 * mean the same thing with the same page size).
 *
 * @param pageSize records per page as the tenant applied it ({@code meta.per_page})
 * @param totalPages pages at the snapshot; pages added later are covered by the catch-up read
 * @param reportedTotal {@code meta.total} at the snapshot
 */
public record PagePlan(int pageSize, int totalPages, long reportedTotal) {
}
