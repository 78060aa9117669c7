package dev.rehearsal.data.internal;

import dev.rehearsal.data.internal.Pools.Kind;
import java.text.Normalizer;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Composed realistic texts: emails, user names, codes, titles, from the pools and one column's random.
 */
final class Texts {

    private static final char[] ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Pools pools;
    private final SplittableRandom random;

    Texts(Pools pools, SplittableRandom random) {
        this.pools = pools;
        this.random = random;
    }

    String pick(Kind kind) {
        String[] pool = pools.get(kind);
        return pool[random.nextInt(pool.length)];
    }

    /** Skewed: a few values are common, as in real columns. */
    String pickSkewed(Kind kind) {
        String[] pool = pools.get(kind);
        double u = random.nextDouble();
        return pool[(int) (u * u * pool.length)];
    }

    String email() {
        return ascii(pick(Kind.FIRST_NAME)) + "." + ascii(pick(Kind.LAST_NAME)) + "@" + pick(Kind.DOMAIN);
    }

    String username() {
        String first = ascii(pick(Kind.FIRST_NAME));
        return first + ascii(pick(Kind.LAST_NAME)).charAt(0) + random.nextInt(100);
    }

    String title() {
        String sentence = pick(Kind.SENTENCE);
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    String code(String column, long row) {
        String prefix = ascii(column).replaceAll("_?(code|ref|reference)$", "").toUpperCase(Locale.ROOT);
        prefix = prefix.isEmpty() ? "C" : prefix.substring(0, Math.min(3, prefix.length()));
        return prefix + "-" + String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
    }

    String words(int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(pickSkewed(Kind.WORD));
        }
        return text.toString();
    }

    String alphanumeric(int length) {
        char[] chars = new char[Math.max(1, length)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
        }
        return new String(chars);
    }

    String hex(int length) {
        char[] chars = new char[length];
        for (int i = 0; i < length; i++) {
            chars[i] = HEX[random.nextInt(16)];
        }
        return new String(chars);
    }

    /** Lower-case ASCII letters only: {@code Zoë O'Neil} gives {@code zoeoneil}. */
    static String ascii(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "");
        return plain.isEmpty() ? "x" : plain.toLowerCase(Locale.ROOT);
    }
}
