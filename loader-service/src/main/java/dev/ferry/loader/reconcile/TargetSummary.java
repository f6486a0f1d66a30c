package dev.ferry.loader.reconcile;

/**
 * One Freshsales collection in a target reconciliation.
 *
 * @param target the collection path
 * @param readBy how it was read: {@code view} (a saved view, 100 records a call, sorted by updated_at),
 *     {@code list} (the collection's own listing), {@code parent} (per parent: notes), {@code id} (one GET per record,
 *     where no listing exists) or {@code none} (not readable: documents have no GET of their own)
 * @param expected records Ferry wrote there (in scope)
 * @param checked how many of them were compared
 * @param listed live records the listing held (null when read by id or per parent)
 * @param findings findings in this collection
 */
public record TargetSummary(String target, String readBy, long expected, long checked, Long listed, long findings) {
}
