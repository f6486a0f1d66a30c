package dev.ferry.sim.dentes.datagen.realism;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Random;

/** The few random distributions the generator draws from. All take the caller's seeded {@link Random}. */
public final class Distributions {

    private Distributions() {
    }

    /** Poisson by Knuth's multiplication method; fine for the small means used here (λ &lt; 10). */
    public static int poisson(Random random, double lambda) {
        if (lambda <= 0) {
            return 0;
        }
        double l = Math.exp(-lambda);
        int k = 0;
        double p = 1.0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

    public static boolean chance(Random random, double p) {
        return random.nextDouble() < p;
    }

    public static int weightedIndex(Random random, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int x = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            x -= weights[i];
            if (x < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    public static <T> T pick(Random random, List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    public static <T> T pick(Random random, T[] items) {
        return items[random.nextInt(items.length)];
    }

    /** A uniformly random instant in [from, to], to the second; {@code from} when the interval is empty. */
    public static OffsetDateTime between(Random random, OffsetDateTime from, OffsetDateTime to) {
        long seconds = Duration.between(from, to).getSeconds();
        if (seconds <= 0) {
            return from;
        }
        return from.plusSeconds((long) (random.nextDouble() * (seconds + 1)));
    }

    /** A random instant during opening hours (09:00-19:00, Mon-Sat) on the day of the given instant. */
    public static OffsetDateTime duringOpeningHours(Random random, OffsetDateTime day) {
        OffsetDateTime d = day;
        if (d.getDayOfWeek().getValue() == 7) {
            d = d.plusDays(1);
        }
        int slot = random.nextInt(40); // quarter hours between 09:00 and 19:00
        return d.withHour(9).withMinute(0).withSecond(0).withNano(0).plusMinutes(15L * slot);
    }
}
