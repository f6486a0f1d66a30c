package dev.ferry.mapper.mapping.preflight;

import java.util.ArrayList;
import java.util.List;

/**
 * The attachment volume against the account's storage. Freshsales' API exposes no storage quota (it is the plan's
 * storage per active user, pooled), so unless discovery was given one the quota is {@code unknown}: said, with the
 * numbers there are, and not blocking. A known quota the volume exceeds blocks; a file over Freshsales' 150 MB limit
 * per file is said (it cannot be uploaded).
 *
 * @param quota {@code unknown}, {@code fits} or {@code exceeded}; {@code no attachments} or {@code not measured}
 */
public record StorageCheck(String quota, Long attachments, Long totalBytes, Long largestBytes, Long quotaBytes) {

    /** Freshsales' largest file (Files and links). */
    public static final long MAX_FILE_BYTES = 150L * 1024 * 1024;

    public static StorageCheck of(DiscoveryFacts discovery) {
        DiscoveryFacts.Attachments a = discovery.attachments();
        if (a == null) {
            return new StorageCheck("not measured", null, null, null, null);
        }
        if (a.count() == 0) {
            return new StorageCheck("no attachments", 0L, 0L, 0L, a.targetStorageBytes());
        }
        String quota = a.targetStorageBytes() == null ? "unknown"
                : a.totalBytes() <= a.targetStorageBytes() ? "fits" : "exceeded";
        return new StorageCheck(quota, a.count(), a.totalBytes(), a.largestBytes(), a.targetStorageBytes());
    }

    public List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        switch (quota) {
            case "not measured" -> out.add(Finding.note("storage", "attachments", "the attachment volume is not"
                    + " known: no discovery report was passed", "pass discovery.json (ferry preflight --discovery)"));
            case "unknown" -> out.add(Finding.note("storage", "attachments", "storage quota unknown (the Freshsales"
                    + " API does not expose it); the attachments to move: " + attachments + " files, "
                    + bytes(totalBytes) + ", the largest " + bytes(largestBytes),
                    "check the plan's storage (per active user, pooled) in Admin Settings > Account > Plan"));
            case "exceeded" -> out.add(Finding.block("storage", "attachments", "the attachments (" + bytes(totalBytes)
                    + ") exceed the account's storage (" + bytes(quotaBytes) + ")",
                    "raise the plan's storage, or leave attachments out of the map"));
            default -> {
            }
        }
        if (largestBytes != null && largestBytes > MAX_FILE_BYTES) {
            out.add(Finding.note("storage", "largest attachment", "a file of " + bytes(largestBytes)
                    + " is over Freshsales' 150 MB per file", "it cannot be uploaded; keep it in Dr.DENTES or link it"));
        }
        return out;
    }

    /** Bytes for people: {@code 1.4 GB}, {@code 820 MB}, {@code 12 KB}. */
    static String bytes(Long b) {
        if (b == null) {
            return "?";
        }
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = b;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? b + " B" : (v < 10 ? String.format(java.util.Locale.ROOT, "%.1f", v)
                : String.format(java.util.Locale.ROOT, "%.0f", v)) + " " + units[u];
    }
}
