package dev.ferry.sim.freshsales.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonMerge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's runtime settings, exactly the JSON of {@code GET /_sim/config}. Instances are treated as
 * immutable snapshots: {@link SettingsHolder} copies, merges a patch and publishes a new one.
 * Defaults for what the real API does not document are the ones listed in README "Where the sandbox guesses".
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public class SimSettings {

    /** Where the limiter's headers point: the hourly bucket, the per-minute bucket, or whichever has less left. */
    public enum HeaderBucket { HOUR, MINUTE, TIGHTEST }

    /** Fixed clock windows (the hour starts at :00) or rolling windows (the last 60 simulated minutes). */
    public enum WindowMode { FIXED, ROLLING }

    /** Unit of X-RateLimit-Reset: real seconds until the bucket frees up, or the real epoch second when it does. */
    public enum ResetUnit { SECONDS_UNTIL_RESET, EPOCH_SECONDS }

    /** What a DELETE answers: 200 with the JSON body {@code true}, or 204 without a body. */
    public enum DeleteResponse { TRUE_200, NO_CONTENT_204 }

    /** Which dropdown value form custom fields accept: the choice's label, its numeric id, or either. */
    public enum DropdownForm { LABEL, ID, EITHER }

    /** Plan preset; a PUT that changes it without limits also resets the limits to the preset. */
    public String plan = "garden";
    /** Hourly budget shared by every key of the account. */
    public int perHourLimit = 1000;
    /** Per-minute budget shared by every key of the account. */
    public int perMinuteLimit = 400;
    /** Simulated seconds per real second for the limiter (3600: a simulated hour per real second). */
    public double timeScale = 1.0;
    /** Window semantics of both budgets. */
    public WindowMode windowMode = WindowMode.FIXED;
    /** Unit of X-RateLimit-Reset. */
    public ResetUnit rateLimitResetUnit = ResetUnit.SECONDS_UNTIL_RESET;
    /** Which bucket the X-RateLimit-* headers describe. */
    public HeaderBucket rateLimitHeaderBucket = HeaderBucket.HOUR;
    /** Send Retry-After (real seconds) on 429; the real service is reported not to. */
    public boolean retryAfterOn429 = false;
    /** Accepted API keys. */
    public List<String> apiKeys = new ArrayList<>(List.of("ferry-sandbox-key"));
    /** Offset of the account time zone, used in every emitted timestamp. */
    public String accountUtcOffset = "-04:00";
    /** Classic mode: the /api prefix and /leads exist. */
    public boolean classicMode = false;
    /** DELETE and forget response form. */
    public DeleteResponse deleteResponse = DeleteResponse.TRUE_200;
    /** HTTP status of a successful create per module; "*" is the fallback. */
    public Map<String, Integer> createStatus = new LinkedHashMap<>(Map.of("notes", 200, "*", 201));
    /** Maximum length of a note's description. */
    public int noteMaxLength = 8000;
    /** Maximum length of a text custom field. */
    public int textFieldMaxLength = 255;
    /** Maximum length of a paragraph custom field. */
    public int paragraphFieldMaxLength = 8000;
    /** Contact e-mail addresses are unique across contacts that are not deleted. */
    public boolean uniqueContactEmails = true;
    /** A contact needs an e-mail or a mobile number. */
    public boolean contactRequiresEmailOrMobile = true;
    /** Which dropdown value form is accepted. */
    public DropdownForm dropdownValues = DropdownForm.LABEL;
    /** Whether an inactive user may own records. */
    public boolean inactiveOwnersAllowed = false;
    /** Maximum number of accounts linked to one contact. */
    public int maxAccountsPerContact = 10;
    /** Whether upsert and bulk upsert match records in the recycle bin. */
    public boolean upsertMatchesDeleted = false;
    /** Maximum items in one bulk_upsert and ids in one bulk_destroy. */
    public int bulkMaxItems = 100;
    /** Real milliseconds a bulk job waits before it starts processing. */
    public long bulkJobStartDelayMs = 200;
    /** Real milliseconds the job spends per item. */
    public long bulkJobItemDelayMs = 5;
    /** Hold every bulk job before its next item (tests use it to observe a pending job deterministically). */
    public boolean bulkJobsPaused = false;
    /** Status a job reports until it is done ("SUCCESS" is the only value ever observed, and it is the terminal one). */
    public String bulkJobPendingStatus = "IN_PROGRESS";
    /** Add the ids of created/updated records to the job's data (the real API documents no such thing). */
    public boolean bulkJobReportsIds = false;
    /** Recompute a deal's amount from its product line items. */
    public boolean dealAmountFromProducts = false;
    /** Storage quota override in bytes; null means plan storage per active user times active users. */
    public Long storageQuotaBytes = null;
    /** Largest file one upload may carry. */
    public long maxFileSizeBytes = 150L * 1024 * 1024;
    /** Offer an "All Deals" view (some accounts lack it). */
    public boolean allDealsView = false;
    /** Reject unknown top-level fields with 400 instead of ignoring them. */
    public boolean rejectUnknownFields = false;
    /** Fault injection. */
    @JsonMerge
    public Faults faults = new Faults();

    /** Fault injection settings; rates are probabilities between 0 and 1. */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public static class Faults {
        /** How a lost response is lost. */
        public enum DropMode { CLOSE, TIMEOUT }

        /** Seed of the dice; setting it re-seeds them. */
        public long seed = 42;
        /** Share of calls answered 5xx before anything is applied. */
        public double serverErrorRate = 0;
        /** Status codes a 5xx fault picks from. */
        public List<Integer> serverErrorStatuses = new ArrayList<>(List.of(500, 502, 503));
        /** Fixed latency added to every authenticated call. */
        public long latencyMs = 0;
        /** Random extra latency between 0 and this value. */
        public long latencyJitterMs = 0;
        /** Share of successful writes whose response is lost after commit. */
        public double dropResponseAfterCommitRate = 0;
        /** CLOSE: close the connection without a response; TIMEOUT: hold the response for dropTimeoutMs, then close. */
        public DropMode dropMode = DropMode.CLOSE;
        /** How long TIMEOUT holds a lost response before closing the connection. */
        public long dropTimeoutMs = 35_000;
        /** Share of bulk_upsert calls answered 405. */
        public double bulkUpsert405Rate = 0;
        /** Share of list pages cut short. */
        public double shortPageRate = 0;
        /** Language of error messages: en, nl, tr. */
        public String errorLanguage = "en";
    }
}
