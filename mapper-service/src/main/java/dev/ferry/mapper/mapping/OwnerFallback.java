package dev.ferry.mapper.mapping;

/**
 * The configured default owner for records whose practitioner gives none.
 *
 * @param email the configured address, null when none is configured
 * @param userId the Freshsales user it resolved to in the run's metadata, null when not configured or not found
 */
public record OwnerFallback(String email, Long userId) {

    public static OwnerFallback none() {
        return new OwnerFallback(null, null);
    }

    public boolean configured() {
        return email != null;
    }
}
