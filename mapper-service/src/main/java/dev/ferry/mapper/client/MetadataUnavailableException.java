package dev.ferry.mapper.client;

/** The loader did not answer {@code GET /target/metadata} with usable metadata. The message holds no secrets. */
public class MetadataUnavailableException extends Exception {
    public MetadataUnavailableException(String message) {
        super(message);
    }

    public MetadataUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
