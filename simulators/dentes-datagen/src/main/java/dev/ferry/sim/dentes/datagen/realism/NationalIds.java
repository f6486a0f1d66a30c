package dev.ferry.sim.dentes.datagen.realism;

import java.util.Random;

/**
 * Turkish identity numbers: TC Kimlik No (11 digits, two check digits) for people and the 10-digit Vergi Kimlik No
 * (tax number) for companies, both with valid checksums.
 */
public final class NationalIds {

    private NationalIds() {
    }

    public static String tcKimlik(Random random) {
        int[] d = new int[11];
        d[0] = 1 + random.nextInt(9);
        for (int i = 1; i < 9; i++) {
            d[i] = random.nextInt(10);
        }
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        d[9] = Math.floorMod(odd * 7 - even, 10);
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d[i];
        }
        d[10] = sum % 10;
        StringBuilder sb = new StringBuilder(11);
        for (int x : d) {
            sb.append(x);
        }
        return sb.toString();
    }

    /** The official TC Kimlik No rules: 11 digits, no leading zero, both check digits right. */
    public static boolean isValidTcKimlik(String id) {
        if (id == null || id.length() != 11 || id.charAt(0) == '0') {
            return false;
        }
        int[] d = new int[11];
        for (int i = 0; i < 11; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            d[i] = c - '0';
        }
        int odd = d[0] + d[2] + d[4] + d[6] + d[8];
        int even = d[1] + d[3] + d[5] + d[7];
        if (Math.floorMod(odd * 7 - even, 10) != d[9]) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 10; i++) {
            sum += d[i];
        }
        return sum % 10 == d[10];
    }

    /** A Vergi Kimlik No (VKN) with its check digit. */
    public static String vergiKimlik(Random random) {
        int[] d = new int[10];
        for (int i = 0; i < 9; i++) {
            d[i] = random.nextInt(10);
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int tmp = (d[i] + 9 - i) % 10;
            int v = (int) ((tmp * (long) Math.pow(2, 9 - i)) % 9);
            if (tmp != 0 && v == 0) {
                v = 9;
            }
            sum += v;
        }
        d[9] = (10 - sum % 10) % 10;
        StringBuilder sb = new StringBuilder(10);
        for (int x : d) {
            sb.append(x);
        }
        return sb.toString();
    }
}
