package dev.ferry.mapper.mapping.spec;

/**
 * Owner resolution: the practitioner id in {@code from} is resolved to the Freshsales user matched for that
 * practitioner; without one, the configured fallback owner is used and the command says so in a note.
 *
 * @param from the source path of the practitioner id
 * @param to the target field, {@code owner_id}
 */
public record OwnerRule(SourcePath from, String to) {
}
