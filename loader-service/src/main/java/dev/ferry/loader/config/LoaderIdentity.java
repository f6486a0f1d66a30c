package dev.ferry.loader.config;

/**
 * This process's name in intents, parked-row claims and budget grants.
 *
 * @param instanceId unique per process
 */
public record LoaderIdentity(String instanceId) {
}
