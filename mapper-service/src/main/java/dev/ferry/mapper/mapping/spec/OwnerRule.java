package dev.ferry.mapper.mapping.spec;

/**
 * Owner resolution: the practitioner id in {@code from} is resolved to the Freshsales user matched for that
 * practitioner; without one, the office manager of the clinic in {@code officeManagerOf} (when the spec names it), and
 * then the configured fallback owner; the command says in a note which one it took and why.
 *
 * @param from the source path of the practitioner id
 * @param to the target field, {@code owner_id}
 * @param officeManagerOf the source path of a clinic id whose office manager is the second choice, or null
 */
public record OwnerRule(SourcePath from, String to, SourcePath officeManagerOf) {

    public OwnerRule(SourcePath from, String to) {
        this(from, to, null);
    }
}
