package dev.rehearsal.data.internal;

import dev.rehearsal.data.internal.CheckRules.Rule;
import dev.rehearsal.data.internal.Pools.Kind;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType;
import dev.rehearsal.schema.Table;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Chooses and builds the generator of a column: realistic values for its meaning, fitted to its type, length,
 * precision, enum labels and simple checks; unique by construction when the column alone must be unique.
 */
final class Generators {

    /** Timestamps fall in these five years: fixed, so the same seed gives the same rows whenever it runs. */
    static final LocalDateTime EPOCH_START = LocalDateTime.of(2021, 1, 1, 0, 0);
    static final long SPAN_SECONDS = 5L * 365 * 24 * 3600;

    private static final String[] STATUSES = {"ACTIVE", "PENDING", "COMPLETED", "CANCELLED", "FAILED", "IN_PROGRESS",
            "SCHEDULED", "PAUSED"};

    /** Everything a column's generator depends on. */
    record Context(Table table, Column column, Rule rule, boolean unique, long uniqueStart, Pools pools,
            SplittableRandom random) {
    }

    private Generators() {
    }

    /**
     * @throws dev.rehearsal.RehearsalConfigurationException if no value can be generated for the column
     */
    static ColumnGenerator of(Context context) {
        ColumnType type = context.column().type();
        Semantic semantic = Semantic.of(context.table().name(), context.column().name(), type.kind());
        return switch (type.kind()) {
            case INTEGER -> integer(context, semantic);
            case DECIMAL, FLOAT -> decimal(context, semantic);
            case BOOLEAN -> bool(context, semantic);
            case STRING -> string(context, semantic);
            case DATE -> date(context, semantic);
            case TIME -> row -> LocalTime.ofSecondOfDay(context.random().nextInt(24 * 3600));
            case TIMESTAMP -> timestamp(context);
            case UUID -> new UniqueUuid(context.random());
            case JSON -> {
                java.util.Map<String, ColumnType.Kind> read = Json.keysReadFrom(context.table(), context.column());
                yield row -> Json.object(context.pools(), context.random(), row, read);
            }
            case BINARY -> binary(context);
            case ENUM -> enumeration(context);
            case OTHER -> throw SeedErrors.cannotGenerate(context.table(), context.column(),
                    "the generator has no values for type " + type.sqlName());
        };
    }

    // ---- numbers

    private static ColumnGenerator integer(Context context, Semantic semantic) {
        ColumnType type = context.column().type();
        Rule rule = context.rule();
        long typeMin = clampToLong(type.minInteger().orElseThrow());
        long typeMax = clampToLong(type.maxInteger().orElseThrow());
        long min = Math.max(typeMin, lowerBound(rule));
        long max = Math.min(typeMax, upperBound(rule));
        if (min > max) {
            throw SeedErrors.cannotGenerate(context.table(), context.column(), "its checks leave no integer between "
                    + min + " and " + max);
        }
        if (rule != null && rule.allowed != null) {
            return choice(context, rule.allowed.stream().map(Long::valueOf).toList());
        }
        if (context.unique() || semantic == Semantic.POSITION) {
            long start = Math.max(min, Math.max(1, context.uniqueStart() + 1));
            if (context.unique() && start > max) {
                throw SeedErrors.cannotGenerate(context.table(), context.column(), "it must be unique, and its type"
                        + " holds no more values above " + context.uniqueStart());
            }
            return new Sequential(start, max, context);
        }
        long[] range = switch (semantic) {
            case QUANTITY -> new long[] {1, 20};
            case AGE -> new long[] {18, 90};
            case YEAR -> new long[] {1990, 2026};
            case RATING -> new long[] {1, 5};
            case PERCENT -> new long[] {0, 100};
            case PRIORITY -> new long[] {0, 10};
            case VERSION -> new long[] {1, 12};
            case DURATION -> new long[] {0, 3600};
            case FLAG -> new long[] {0, 1};
            case MONEY -> new long[] {1, 5000};
            case TIMESTAMP_TEXT -> new long[] {1_609_459_200_000L, 1_767_225_600_000L};
            default -> new long[] {1, 100_000};
        };
        long lo = Math.max(min, range[0]);
        long hi = Math.min(max, range[1]);
        if (lo > hi) {
            lo = min;
            hi = Math.min(max, min + 1_000);
        }
        long from = lo;
        long span = hi - lo;
        BigDecimal notEqual = rule == null ? null : rule.notEqual;
        return row -> {
            long value = span >= Long.MAX_VALUE - 1 ? context.random().nextLong() : from + context.random().nextLong(span + 1);
            if (notEqual != null && BigDecimal.valueOf(value).compareTo(notEqual) == 0) {
                value = value == from + span ? value - 1 : value + 1;
            }
            return value;
        };
    }

    private static ColumnGenerator decimal(Context context, Semantic semantic) {
        ColumnType type = context.column().type();
        Rule rule = context.rule();
        int scale = type.scale().orElse(type.kind() == ColumnType.Kind.FLOAT ? 2 : 0);
        BigDecimal typeMax = type.precision().isPresent()
                ? BigDecimal.TEN.pow(type.precision().getAsInt() - scale).subtract(BigDecimal.ONE.movePointLeft(scale))
                : BigDecimal.valueOf(1_000_000_000L);
        BigDecimal typeMin = type.unsigned() ? BigDecimal.ZERO : typeMax.negate();
        BigDecimal[] range = switch (semantic) {
            case MONEY -> new BigDecimal[] {new BigDecimal("0.50"), new BigDecimal("999.99")};
            case QUANTITY -> new BigDecimal[] {BigDecimal.ONE, BigDecimal.valueOf(20)};
            case PERCENT -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.valueOf(100)};
            case RATING -> new BigDecimal[] {BigDecimal.ONE, BigDecimal.valueOf(5)};
            case LATITUDE -> new BigDecimal[] {BigDecimal.valueOf(-90), BigDecimal.valueOf(90)};
            case LONGITUDE -> new BigDecimal[] {BigDecimal.valueOf(-180), BigDecimal.valueOf(180)};
            default -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.valueOf(10_000)};
        };
        BigDecimal min = max(typeMin, range[0]);
        BigDecimal max = min(typeMax, range[1]);
        if (rule != null) {
            if (rule.min != null) {
                min = max(min, rule.minExclusive ? rule.min.add(BigDecimal.ONE.movePointLeft(scale)) : rule.min);
            }
            if (rule.max != null) {
                max = min(max, rule.maxExclusive ? rule.max.subtract(BigDecimal.ONE.movePointLeft(scale)) : rule.max);
            }
            if (rule.allowed != null) {
                return choice(context, rule.allowed.stream().map(BigDecimal::new).toList());
            }
        }
        if (min.compareTo(max) > 0) {
            min = max(typeMin, rule != null && rule.min != null ? rule.min : typeMin);
            max = min(typeMax, min.add(BigDecimal.valueOf(1000)));
            if (min.compareTo(max) > 0) {
                throw SeedErrors.cannotGenerate(context.table(), context.column(), "its type and checks leave no value");
            }
        }
        boolean isFloat = type.kind() == ColumnType.Kind.FLOAT;
        BigDecimal lo = min;
        double span = max.subtract(min).doubleValue();
        if (context.unique()) {
            BigDecimal start = lo.add(BigDecimal.valueOf(context.uniqueStart()));
            return new ColumnGenerator() {
                @Override
                public Object next(long row) {
                    BigDecimal value = start.add(BigDecimal.valueOf(row)).setScale(scale, RoundingMode.HALF_UP);
                    return isFloat ? (Object) value.doubleValue() : value;
                }

                @Override
                public boolean uniqueByConstruction() {
                    return true;
                }
            };
        }
        // skewed towards small values, as prices and amounts are; drawn as whole units of the scale
        long loUnits = lo.movePointRight(scale).setScale(0, RoundingMode.CEILING).longValueExact();
        double spanUnits = Math.floor(max.movePointRight(scale).doubleValue()) - loUnits;
        BigDecimal notEqual = rule == null ? null : rule.notEqual;
        return row -> {
            double u = context.random().nextDouble();
            BigDecimal value = BigDecimal.valueOf(loUnits + (long) (spanUnits * u * u), scale);
            if (notEqual != null && value.compareTo(notEqual) == 0) {
                value = value.add(BigDecimal.ONE.movePointLeft(scale));
            }
            return isFloat ? (Object) value.doubleValue() : value;
        };
    }

    private static ColumnGenerator bool(Context context, Semantic semantic) {
        double trueShare = semantic == Semantic.FLAG && context.column().name().toLowerCase(Locale.ROOT).contains("delet")
                ? 0.05 : semantic == Semantic.FLAG ? 0.7 : 0.5;
        return row -> context.random().nextDouble() < trueShare;
    }

    // ---- text

    private static ColumnGenerator string(Context context, Semantic semantic) {
        ColumnType type = context.column().type();
        Rule rule = context.rule();
        int maxLength = Math.min(type.length().orElse(4000), rule != null && rule.maxLength != null ? rule.maxLength : 4000);
        int minLength = rule != null && rule.minLength != null ? rule.minLength : 0;
        if (rule != null && rule.allowed != null) {
            return choice(context, List.copyOf(rule.allowed));
        }
        Texts texts = new Texts(context.pools(), context.random());
        TextSource base = switch (semantic) {
            case EMAIL -> row -> texts.email();
            case FIRST_NAME -> row -> texts.pick(Kind.FIRST_NAME);
            case LAST_NAME -> row -> texts.pick(Kind.LAST_NAME);
            case FULL_NAME -> row -> texts.pick(Kind.FIRST_NAME) + " " + texts.pick(Kind.LAST_NAME);
            case USERNAME -> row -> texts.username();
            case PHONE -> row -> texts.pick(Kind.PHONE);
            case STREET -> row -> texts.pick(Kind.STREET);
            case CITY -> row -> texts.pick(Kind.CITY);
            case STATE -> row -> texts.pick(Kind.STATE);
            case ZIP -> row -> texts.pick(Kind.ZIP);
            case COUNTRY -> row -> maxLength <= 3 ? texts.pick(Kind.COUNTRY_CODE) : texts.pick(Kind.COUNTRY);
            case COUNTRY_CODE -> row -> texts.pick(Kind.COUNTRY_CODE);
            case COMPANY -> row -> texts.pick(Kind.COMPANY);
            case PRODUCT -> row -> texts.pick(Kind.PRODUCT);
            case URL -> row -> texts.pick(Kind.URL);
            case IP -> row -> texts.pick(Kind.IP);
            case TEXT -> row -> maxLength >= 200 ? texts.pick(Kind.PARAGRAPH) : texts.pick(Kind.SENTENCE);
            case TITLE -> row -> texts.title();
            case JOB -> row -> texts.pick(Kind.JOB);
            case CURRENCY -> row -> texts.pick(Kind.CURRENCY);
            case COLOR -> row -> texts.pick(Kind.COLOR);
            case CODE -> row -> texts.code(context.column().name(), row);
            case STATUS -> row -> STATUSES[context.random().nextInt(STATUSES.length)];
            case IDENTIFIER -> row -> maxLength >= 36 ? uuid4(context.random()).toString()
                    : texts.alphanumeric(Math.min(maxLength, 12));
            case HASH -> row -> texts.hex(64);
            case DATE_TEXT, BIRTH_DATE -> row -> randomDate(context.random(), semantic == Semantic.BIRTH_DATE).toString();
            case TIMESTAMP_TEXT -> row -> randomTimestamp(context.random()).toString().replace('T', ' ');
            case JSON -> {
                java.util.Map<String, ColumnType.Kind> read = Json.keysReadFrom(context.table(), context.column());
                yield row -> maxLength >= 120 || !read.isEmpty()
                        ? Json.object(context.pools(), context.random(), row, read) : "{}";
            }
            case MONEY -> row -> BigDecimal.valueOf(50 + context.random().nextInt(99_950), 2).toPlainString();
            case QUANTITY, AGE, RATING, PERCENT, PRIORITY, VERSION, DURATION, YEAR, POSITION ->
                    row -> Long.toString(1 + context.random().nextInt(100));
            case FLAG -> row -> context.random().nextBoolean() ? "Y" : "N";
            case LATITUDE, LONGITUDE -> row -> Double.toString(Math.round(context.random().nextDouble(-90, 90) * 1e6) / 1e6);
            default -> row -> texts.words(maxLength >= 40 ? 3 : 1);
        };
        if (context.unique()) {
            return new UniqueText(base, context.uniqueStart(), maxLength, minLength, context);
        }
        return row -> fit(base.text(row), minLength, maxLength, context.random());
    }

    /** A value drawn for a row, before fitting. */
    @FunctionalInterface
    interface TextSource {
        String text(long row);
    }

    static String fit(String text, int minLength, int maxLength, SplittableRandom random) {
        String value = text.length() > maxLength ? text.substring(0, maxLength).stripTrailing() : text;
        if (value.isEmpty() && maxLength > 0) {
            value = "x";
        }
        StringBuilder padded = new StringBuilder(value);
        while (padded.length() < minLength) {
            padded.append((char) ('a' + random.nextInt(26)));
        }
        return padded.toString();
    }

    /** Unique text: the realistic value with a row number, fitted so the number always survives. */
    private static final class UniqueText implements ColumnGenerator {
        private final TextSource base;
        private final long start;
        private final int maxLength;
        private final int minLength;
        private final Context context;

        UniqueText(TextSource base, long start, int maxLength, int minLength, Context context) {
            this.base = base;
            this.start = start;
            this.maxLength = maxLength;
            this.minLength = minLength;
            this.context = context;
        }

        @Override
        public Object next(long row) {
            String number = Long.toString(start + row, 36);
            if (number.length() > maxLength) {
                throw SeedErrors.cannotGenerate(context.table(), context.column(), "it must be unique, and "
                        + (start + row + 1) + " distinct values do not fit in " + maxLength + " characters");
            }
            String value = base.text(row);
            int at = value.indexOf('@');
            if (at > 0 && number.length() + 1 + value.length() <= maxLength) {
                return value.substring(0, at) + "." + number + value.substring(at); // ada.lovelace.2s@example.com
            }
            String suffix = (value.isEmpty() ? "" : "-") + number;
            int room = maxLength - suffix.length();
            String head = room <= 0 ? "" : value.length() > room ? value.substring(0, room) : value;
            String result = head.isEmpty() ? number : head + suffix;
            return result.length() >= minLength ? result : fit(result, minLength, maxLength, context.random());
        }

        @Override
        public boolean uniqueByConstruction() {
            return true;
        }
    }

    // ---- time

    private static ColumnGenerator date(Context context, Semantic semantic) {
        if (context.unique()) {
            LocalDate start = EPOCH_START.toLocalDate();
            return unique(row -> start.plusDays(context.uniqueStart() + row));
        }
        boolean birth = semantic == Semantic.BIRTH_DATE;
        return row -> randomDate(context.random(), birth);
    }

    private static ColumnGenerator timestamp(Context context) {
        boolean withZone = context.column().type().sqlName().contains("tz")
                || context.column().type().sqlName().contains("time zone");
        if (context.unique()) {
            return unique(row -> {
                LocalDateTime value = EPOCH_START.plusSeconds(context.uniqueStart() + row);
                return withZone ? value.atOffset(ZoneOffset.UTC) : value;
            });
        }
        return row -> {
            LocalDateTime value = randomTimestamp(context.random());
            return withZone ? value.atOffset(ZoneOffset.UTC) : value;
        };
    }

    static LocalDate randomDate(SplittableRandom random, boolean birth) {
        if (birth) {
            return LocalDate.of(1940, 1, 1).plusDays(random.nextInt(65 * 365));
        }
        return EPOCH_START.toLocalDate().plusDays(random.nextInt(5 * 365));
    }

    static LocalDateTime randomTimestamp(SplittableRandom random) {
        return EPOCH_START.plusSeconds(random.nextLong(SPAN_SECONDS));
    }

    // ---- the rest

    private static ColumnGenerator binary(Context context) {
        int length = Math.max(1, Math.min(context.column().type().length().orElse(16), 16));
        return row -> {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = (byte) context.random().nextInt(256);
            }
            return bytes;
        };
    }

    private static ColumnGenerator enumeration(Context context) {
        List<String> labels = context.column().type().labels();
        Rule rule = context.rule();
        List<String> allowed = rule != null && rule.allowed != null
                ? labels.stream().filter(rule.allowed::contains).toList() : labels;
        if (allowed.isEmpty()) {
            throw SeedErrors.cannotGenerate(context.table(), context.column(), "no enum label satisfies its checks");
        }
        return choice(context, allowed);
    }

    private static <T> ColumnGenerator choice(Context context, List<T> values) {
        return row -> values.get(context.random().nextInt(values.size()));
    }

    private static ColumnGenerator unique(ColumnGenerator generator) {
        return new ColumnGenerator() {
            @Override
            public Object next(long row) {
                return generator.next(row);
            }

            @Override
            public boolean uniqueByConstruction() {
                return true;
            }
        };
    }

    /** Integers start + row: unique by construction. */
    static final class Sequential implements ColumnGenerator {
        private final long start;
        private final long max;
        private final Context context;

        Sequential(long start, long max, Context context) {
            this.start = start;
            this.max = max;
            this.context = context;
        }

        @Override
        public Object next(long row) {
            long value = start + row;
            if (value > max || value < start) {
                throw SeedErrors.cannotGenerate(context.table(), context.column(), "its values count up from " + start
                        + ", and row " + (row + 1) + " would pass the type's maximum " + max);
            }
            return value;
        }

        @Override
        public boolean uniqueByConstruction() {
            return true;
        }
    }

    /** A random version-4 UUID (RFC 4122 variant), which engines that check UUIDs accept. */
    static UUID uuid4(SplittableRandom random) {
        long most = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(most, least);
    }

    /** Random version-4 UUIDs from the column's seeded random. */
    static final class UniqueUuid implements ColumnGenerator {
        private final SplittableRandom random;

        UniqueUuid(SplittableRandom random) {
            this.random = random;
        }

        @Override
        public Object next(long row) {
            return uuid4(random);
        }

        @Override
        public boolean uniqueByConstruction() {
            return true;
        }
    }

    private static long lowerBound(Rule rule) {
        if (rule == null || rule.min == null) {
            return Long.MIN_VALUE;
        }
        BigDecimal min = rule.min.setScale(0, RoundingMode.CEILING);
        long value = clampToLong(min.toBigInteger());
        return rule.minExclusive && min.compareTo(rule.min) == 0 ? value + 1 : value;
    }

    private static long upperBound(Rule rule) {
        if (rule == null || rule.max == null) {
            return Long.MAX_VALUE;
        }
        BigDecimal max = rule.max.setScale(0, RoundingMode.FLOOR);
        long value = clampToLong(max.toBigInteger());
        return rule.maxExclusive && max.compareTo(rule.max) == 0 ? value - 1 : value;
    }

    private static long clampToLong(BigInteger value) {
        if (value.compareTo(BigInteger.valueOf(Long.MAX_VALUE)) > 0) {
            return Long.MAX_VALUE;
        }
        if (value.compareTo(BigInteger.valueOf(Long.MIN_VALUE)) < 0) {
            return Long.MIN_VALUE;
        }
        return value.longValue();
    }

    private static BigDecimal max(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static BigDecimal min(BigDecimal a, BigDecimal b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
