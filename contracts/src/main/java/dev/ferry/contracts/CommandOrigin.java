package dev.ferry.contracts;

/** Who issued a load command. */
public enum CommandOrigin {
    MAPPER,
    RETRY,
    ROLLBACK
}
