package dev.rehearsal;

import static java.util.Objects.requireNonNull;

/**
 * Something a step did that is right in the rehearsal and risky in production, with what to do about it: not a
 * failure, not damage. A verdict shows each on a {@code finding} line.
 *
 * @param kind what it is
 * @param script the script, e.g. {@code V7__orders_status.sql}
 * @param statementIndex the statement of the script, from 1
 * @param message what was found and the fix, e.g. {@code statement 1 (ALTER TABLE orders …) takes a lock on orders
 *     with no lock timeout of its own: …}
 * @since 0.1
 */
public record Finding(FindingKind kind, String script, int statementIndex, String message) {

    /**
     * Create a finding.
     *
     * @param kind what it is
     * @param script the script
     * @param statementIndex the statement of the script, from 1
     * @param message what was found and the fix
     */
    public Finding {
        requireNonNull(kind, "kind");
        requireNonNull(script, "script");
        requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return script + " statement " + statementIndex + ": " + message;
    }
}
