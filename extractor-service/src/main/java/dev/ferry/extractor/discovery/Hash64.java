package dev.ferry.extractor.discovery;

/**
 * 64-bit hashes of text (FNV-1a over the UTF-16 code units, then the SplitMix64 finaliser), never 0. Discovery keeps
 * these instead of records: for n distinct keys the chance that any two collide is about n² / 2⁶⁵ (10 million keys:
 * 3 in a million), and a collision can only merge two keys of one rule, never leak a value.
 */
public final class Hash64 {

    private Hash64() {
    }

    public static long of(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= text.length();
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        h ^= h >>> 31;
        return h == 0 ? 1 : h;
    }
}
