package dev.ferry.sim.freshsales.config;

import java.util.Locale;

/**
 * Freshsales plans with their documented API budgets (support article 50000010026: 1000/2000/5000 per hour,
 * 400 per minute) and file storage per active user (article 50000002563: 2 GB, 5 GB, 100 GB).
 * Suite names (growth, pro, enterprise, free) are aliases of the Classic plan with the same budget.
 */
public enum Plan {
    BLOSSOM(1000, 400, 2L << 30),
    GARDEN(1000, 400, 2L << 30),
    ESTATE(2000, 400, 5L << 30),
    FOREST(5000, 400, 100L << 30),
    /** Suite "Free": 1000/h per article 50000005599, no file storage. */
    FREE(1000, 400, 0L);

    public final int perHour;
    public final int perMinute;
    public final long storageBytesPerUser;

    Plan(int perHour, int perMinute, long storageBytesPerUser) {
        this.perHour = perHour;
        this.perMinute = perMinute;
        this.storageBytesPerUser = storageBytesPerUser;
    }

    /** Parses a plan name, accepting the Suite aliases. */
    public static Plan parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "blossom" -> BLOSSOM;
            case "garden", "growth" -> GARDEN;
            case "estate", "pro" -> ESTATE;
            case "forest", "enterprise" -> FOREST;
            case "free", "sprout" -> FREE;
            default -> throw new IllegalArgumentException("unknown plan: " + name);
        };
    }
}
