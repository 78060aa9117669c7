package dev.rehearsal.snapshot;

import java.util.List;

/** Hashes and printed forms of rows. */
final class RowText {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private RowText() {
    }

    /** A 64-bit FNV-1a hash of the values, NULL and the boundaries between values included. */
    static long hash(List<String> values) {
        long hash = FNV_OFFSET;
        for (String value : values) {
            if (value == null) {
                hash = (hash ^ 0x1ff) * FNV_PRIME;
            } else {
                for (int i = 0; i < value.length(); i++) {
                    hash = (hash ^ value.charAt(i)) * FNV_PRIME;
                }
            }
            hash = (hash ^ 0x2ff) * FNV_PRIME;
        }
        return hash;
    }

    /** {@code id=11}, or {@code (order_id=1, line=2)} for a composite key. */
    static String key(List<String> names, List<String> values) {
        StringBuilder text = new StringBuilder(names.size() > 1 ? "(" : "");
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(value(values.get(i)));
        }
        return text.append(names.size() > 1 ? ")" : "").toString();
    }

    /** {@code {id=11, customer_id=999, total=5}}. */
    static String row(List<String> names, List<String> values) {
        StringBuilder text = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(names.get(i)).append('=').append(value(values.get(i)));
        }
        return text.append('}').toString();
    }

    static String value(String value) {
        if (value == null) {
            return "NULL";
        }
        return value.length() > 60 ? value.substring(0, 57) + "..." : value;
    }
}
