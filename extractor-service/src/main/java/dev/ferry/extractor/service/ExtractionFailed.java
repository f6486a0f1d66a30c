package dev.ferry.extractor.service;

/** A resource could not be extracted; the message is the reason shown on the run (safe to log and store). */
public class ExtractionFailed extends Exception {
    public ExtractionFailed(String message) {
        super(message, null, false, false);
    }
}
