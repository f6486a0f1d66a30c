package dev.ferry.loader.budget;

/** The two budgets every Freshsales account has. */
public enum Bucket {
    MINUTE,
    HOUR
}
