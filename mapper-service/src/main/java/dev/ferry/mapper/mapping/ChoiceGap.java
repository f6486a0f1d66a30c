package dev.ferry.mapper.mapping;

/** A dropdown value the target field lacks as a choice (a code such as a treatment type, never tied to a record). */
public record ChoiceGap(String collection, String fieldName, String choice) {
}
