package dev.ferry.audit.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of a 4xx answer.
 *
 * @param error what was wrong, in a sentence
 */
@Schema(description = "Why a request could not be answered")
public record ErrorBody(String error) {
}
