package dev.ferry.mapper.service;

/**
 * Mapping one record failed unexpectedly (a bug, or a record shaped in a way nobody foresaw). The record becomes a
 * poison record; the message names the exception type only, never the record.
 */
public class MappingFailure extends RuntimeException {
    public MappingFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
