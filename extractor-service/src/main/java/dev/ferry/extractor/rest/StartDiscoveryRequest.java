package dev.ferry.extractor.rest;

import java.util.List;

/**
 * {@code POST /discoveries}: optionally the Freshsales users to match practitioners against (when the CLI fetched them,
 * or the loader cannot be asked). Without them the extractor asks the loader ({@code ferry.discovery.loader-url}).
 */
public record StartDiscoveryRequest(List<TargetUser> targetUsers) {

    /** A Freshsales user; {@code active} defaults to true. */
    public record TargetUser(String email, String displayName, Boolean active) {
    }
}
