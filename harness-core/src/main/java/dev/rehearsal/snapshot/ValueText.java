package dev.rehearsal.snapshot;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HexFormat;

/**
 * How the harness compares values: as text that is equal across type changes that keep the value ({@code 5},
 * {@code 5L} and {@code 5.00} are {@code "5"}; a {@code TIMESTAMP} read as {@code java.sql.Timestamp} or as
 * {@code LocalDateTime} gives the same text). Data snapshots, the damage check's keys and the data generators'
 * uniqueness tracking all compare this form.
 *
 * @since 0.1
 */
public final class ValueText {

    private ValueText() {
    }

    /**
     * Return the comparable text of a value as JDBC returns it.
     *
     * @param value the value; may be {@code null}
     * @return its text: numbers as plain digits without trailing zeros, bytes as {@code 0x...} hex, times as ISO-8601
     *     (instants in UTC), arrays as {@code {a,b}}; {@code null} for {@code null}
     */
    public static String of(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isNaN(d) || Double.isInfinite(d) ? Double.toString(d) : decimal(new BigDecimal(value.toString()));
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return decimal(new BigDecimal(number.toString()));
        }
        if (value instanceof byte[] bytes) {
            return "0x" + HexFormat.of().formatHex(bytes);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Time time) {
            // toLocalTime() would drop the milliseconds
            return time.toLocalTime().withNano((int) Math.floorMod(time.getTime(), 1000L) * 1_000_000).toString();
        }
        if (value instanceof java.time.OffsetDateTime instant) {
            return instant.withOffsetSameInstant(java.time.ZoneOffset.UTC).toString();
        }
        if (value instanceof java.time.ZonedDateTime instant) {
            return instant.toOffsetDateTime().withOffsetSameInstant(java.time.ZoneOffset.UTC).toString();
        }
        if (value instanceof java.time.Instant instant) {
            return instant.atOffset(java.time.ZoneOffset.UTC).toString();
        }
        if (value instanceof java.util.Date date) {
            return date.toInstant().toString();
        }
        if (value instanceof Object[] array) {
            StringBuilder text = new StringBuilder("{");
            for (int i = 0; i < array.length; i++) {
                text.append(i == 0 ? "" : ",").append(of(array[i]));
            }
            return text.append('}').toString();
        }
        return value.toString();
    }

    /** The plain digits without trailing zeros: {@code 9.90} is {@code 9.9}, {@code 5.00} is {@code 5}. */
    private static String decimal(BigDecimal decimal) {
        String plain = decimal.toPlainString();
        if (decimal.scale() <= 0) {
            return plain;
        }
        int end = plain.length();
        while (plain.charAt(end - 1) == '0') {
            end--;
        }
        if (plain.charAt(end - 1) == '.') {
            end--;
        }
        String text = plain.substring(0, end);
        return text.equals("-0") ? "0" : text;
    }
}
