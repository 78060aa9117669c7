package dev.rehearsal.data.internal;

import dev.rehearsal.data.internal.Pools.Kind;
import java.util.SplittableRandom;

/**
 * Small realistic JSON documents.
 */
final class Json {

    private static final String[] SOURCES = {"web", "mobile", "api", "import", "batch"};

    private Json() {
    }

    static String object(Pools pools, SplittableRandom random, long row) {
        String[] words = pools.get(Kind.WORD);
        String[] names = pools.get(Kind.FIRST_NAME);
        return "{\"source\":\"" + SOURCES[random.nextInt(SOURCES.length)] + "\",\"name\":\""
                + escape(names[random.nextInt(names.length)]) + "\",\"tags\":[\"" + escape(words[random.nextInt(words.length)])
                + "\",\"" + escape(words[random.nextInt(words.length)]) + "\"],\"score\":" + random.nextInt(1000)
                + ",\"active\":" + random.nextBoolean() + ",\"updateTime\":\""
                + Generators.randomTimestamp(random).toString() + "\"}";
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
