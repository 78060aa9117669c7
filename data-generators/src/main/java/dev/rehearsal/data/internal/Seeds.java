package dev.rehearsal.data.internal;

import java.nio.charset.StandardCharsets;

/**
 * Derives independent random seeds from the plan's seed and a name, so each column and defect has its own stream.
 */
final class Seeds {

    private Seeds() {
    }

    static long mix(long seed, String table, String part) {
        long hash = 0xcbf29ce484222325L ^ seed;
        for (byte b : (table + "\u0000" + part).toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b;
            hash *= 0x100000001b3L;
        }
        // finalise (splitmix64) so nearby names give unrelated seeds
        hash = (hash ^ (hash >>> 30)) * 0xbf58476d1ce4e5b9L;
        hash = (hash ^ (hash >>> 27)) * 0x94d049bb133111ebL;
        return hash ^ (hash >>> 31);
    }
}
