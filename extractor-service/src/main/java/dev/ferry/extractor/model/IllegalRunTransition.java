package dev.ferry.extractor.model;

/** A run or resource was asked to move to a state it cannot reach from where it is. */
public class IllegalRunTransition extends IllegalStateException {
    public IllegalRunTransition(String message) {
        super(message);
    }
}
