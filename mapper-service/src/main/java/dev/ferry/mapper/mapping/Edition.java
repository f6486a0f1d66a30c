package dev.ferry.mapper.mapping;

/** The Freshsales generation written to: Suite has no leads module (a lead is a contact at a Lead stage). */
public enum Edition {
    SUITE,
    CLASSIC
}
