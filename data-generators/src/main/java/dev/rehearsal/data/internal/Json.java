package dev.rehearsal.data.internal;

import dev.rehearsal.data.internal.Pools.Kind;
import dev.rehearsal.schema.Column;
import dev.rehearsal.schema.ColumnType;
import dev.rehearsal.schema.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Small realistic JSON documents, holding the keys the table's generated columns read from them, with values of the
 * type each generated column casts to: a stored {@code NOT NULL} column over {@code body ->> 'deleted'} then holds on
 * every row.
 */
final class Json {

    private static final String[] SOURCES = {"web", "mobile", "api", "import", "batch"};

    /** A top-level key as PostgreSQL's operators name it: {@code body ->> 'deleted'}, {@code body -> 'title'}. */
    private static final Pattern OPERATOR_KEY = Pattern.compile("->>?\\s*'([^'$][^']*)'");

    /** A top-level key as a JSON path names it: {@code JSON_VALUE(body, '$.deleted')}, {@code body ->> '$.title'}. */
    private static final Pattern PATH_KEY = Pattern.compile("'\\$\\.(?:\"([^\"]+)\"|([A-Za-z_][A-Za-z0-9_]*))'");

    private Json() {
    }

    /** The keys the table's computed columns read from this JSON column, each with the kind of value it must hold. */
    static Map<String, ColumnType.Kind> keysReadFrom(Table table, Column json) {
        Map<String, ColumnType.Kind> keys = new LinkedHashMap<>();
        Pattern mentions = Pattern.compile("(?i)(?<![A-Za-z0-9_$])[`\"]?" + Pattern.quote(json.name()) + "[`\"]?(?![A-Za-z0-9_$])");
        for (Column computed : table.columns()) {
            if (computed.generation() != Column.Generation.COMPUTED || computed.expression().isEmpty()) {
                continue;
            }
            String expression = computed.expression().get();
            if (!mentions.matcher(expression).find()) {
                continue;
            }
            Matcher operator = OPERATOR_KEY.matcher(expression);
            while (operator.find()) {
                keys.putIfAbsent(operator.group(1), computed.type().kind());
            }
            Matcher path = PATH_KEY.matcher(expression);
            while (path.find()) {
                keys.putIfAbsent(path.group(1) != null ? path.group(1) : path.group(2), computed.type().kind());
            }
        }
        return keys;
    }

    static String object(Pools pools, SplittableRandom random, long row) {
        return object(pools, random, row, Map.of());
    }

    static String object(Pools pools, SplittableRandom random, long row, Map<String, ColumnType.Kind> read) {
        String[] words = pools.get(Kind.WORD);
        String[] names = pools.get(Kind.FIRST_NAME);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", quote(SOURCES[random.nextInt(SOURCES.length)]));
        fields.put("name", quote(names[random.nextInt(names.length)]));
        fields.put("tags", "[" + quote(words[random.nextInt(words.length)]) + "," + quote(words[random.nextInt(words.length)])
                + "]");
        fields.put("score", String.valueOf(random.nextInt(1000)));
        fields.put("active", String.valueOf(random.nextBoolean()));
        fields.put("updateTime", quote(Generators.randomTimestamp(random).toString()));
        read.forEach((key, kind) -> fields.put(key, value(kind, pools, random)));
        StringBuilder text = new StringBuilder("{");
        fields.forEach((key, value) -> text.append(text.length() == 1 ? "" : ",").append(quote(key)).append(':').append(value));
        return text.append('}').toString();
    }

    /** A JSON value that a generated column of this kind reads and casts without error. */
    private static String value(ColumnType.Kind kind, Pools pools, SplittableRandom random) {
        return switch (kind) {
            case BOOLEAN -> String.valueOf(random.nextBoolean());
            case INTEGER -> String.valueOf(1 + random.nextInt(1000));
            case DECIMAL, FLOAT -> String.format(Locale.ROOT, "%d.%02d", random.nextInt(1000), random.nextInt(100));
            case DATE -> quote(Generators.randomDate(random, false).toString());
            case TIMESTAMP -> quote(Generators.randomTimestamp(random).toString());
            case UUID -> quote(new java.util.UUID(random.nextLong(), random.nextLong()).toString());
            default -> quote(pools.get(Kind.WORD)[random.nextInt(pools.get(Kind.WORD).length)]);
        };
    }

    private static String quote(String text) {
        return "\"" + escape(text) + "\"";
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
