package dev.ferry.extractor.rest;

/** Every error answer: one sentence a person understands. */
public record ErrorBody(String error) {
}
