package dev.rehearsal.internal.dialect;

import java.util.Optional;

/**
 * What an engine's error names as the culprit.
 */
public record ErrorFields(
        String message,
        Optional<String> detail,
        Optional<String> constraint,
        Optional<String> table,
        Optional<String> column) {

    static Optional<String> nonBlank(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
