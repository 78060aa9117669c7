package dev.rehearsal.data.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import net.datafaker.Faker;

/**
 * Realistic values drawn once from Datafaker, then sampled per row.
 *
 * <p>Calling Datafaker for every value would cost microseconds each, and building a Faker costs milliseconds; so the
 * vocabulary is built once per JVM, from a fixed seed, and shared. A plan's seed decides which values each row takes,
 * so the same seed still gives the same rows, and another seed other rows.
 */
final class Pools {

    enum Kind {
        FIRST_NAME(400, f -> f.name().firstName()),
        LAST_NAME(600, f -> f.name().lastName()),
        CITY(400, f -> f.address().city()),
        STREET(800, f -> f.address().streetAddress()),
        STATE(80, f -> f.address().state()),
        ZIP(500, f -> f.address().zipCode()),
        COUNTRY(150, f -> f.address().country()),
        COUNTRY_CODE(120, f -> f.address().countryCode()),
        COMPANY(500, f -> f.company().name()),
        DOMAIN(120, f -> f.internet().domainName()),
        WORD(1000, f -> f.lorem().word()),
        SENTENCE(400, f -> f.lorem().sentence()),
        PARAGRAPH(120, f -> f.lorem().paragraph()),
        PHONE(600, f -> f.phoneNumber().cellPhone()),
        PRODUCT(300, f -> f.commerce().productName()),
        COLOR(40, f -> f.color().name()),
        CURRENCY(60, f -> f.money().currencyCode()),
        JOB(200, f -> f.job().title()),
        URL(300, f -> "https://www." + f.internet().domainName() + "/" + f.lorem().word().toLowerCase(Locale.ROOT)),
        IP(500, f -> f.internet().ipV4Address());

        final int size;
        final Function<Faker, String> draw;

        Kind(int size, Function<Faker, String> draw) {
            this.size = size;
            this.draw = draw;
        }
    }

    /** The vocabulary's seed: fixed, so every JVM builds the same pools. */
    private static final long VOCABULARY_SEED = 20_260_101L;
    private static final Pools SHARED = new Pools();

    private final Map<Kind, String[]> pools = new ConcurrentHashMap<>();

    private Pools() {
    }

    static Pools shared() {
        return SHARED;
    }

    /** The pool of a kind, built on first use: distinct values, in a fixed order. */
    String[] get(Kind kind) {
        return pools.computeIfAbsent(kind, Pools::build);
    }

    private static String[] build(Kind kind) {
        Faker faker = new Faker(Locale.ENGLISH, new Random(VOCABULARY_SEED * 31 + kind.ordinal() * 1_000_003L));
        Set<String> values = new LinkedHashSet<>();
        int attempts = 0;
        while (values.size() < kind.size && attempts++ < kind.size * 4) {
            String value = kind.draw.apply(faker);
            if (value != null && !value.isBlank()) {
                values.add(value.strip());
            }
        }
        return new ArrayList<>(values).toArray(String[]::new);
    }
}
