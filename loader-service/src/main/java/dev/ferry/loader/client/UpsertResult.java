package dev.ferry.loader.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a single upsert did.
 *
 * @param id the record's Freshsales id
 * @param created whether the record was created (201) rather than updated (200)
 * @param record the record as Freshsales returned it
 */
public record UpsertResult(long id, boolean created, ObjectNode record) {
}
