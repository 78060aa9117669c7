package dev.rehearsal;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Exactly where and why a migration step failed.
 *
 * <p>For a statement that failed: the script and its version, the 1-based index of the statement within the
 * script and the line where it starts, its text, the SQLSTATE and vendor error code, and what the engine
 * names as the culprit — constraint, table and column. PostgreSQL reports those in its error fields; on
 * MySQL and MariaDB they are read from the error message and, for the table, from the statement itself.
 *
 * <p>When no statement failed — Flyway refused to migrate (a failed migration in the history, a checksum mismatch),
 * or the failure came when the migration was committed (a deferred constraint) — the statement and line are empty.
 * The codes and class then come from the SQL error if there was one; a refusal has none, and class
 * {@link FailureClass#OTHER}.
 *
 * @param version the version of the failing migration, if known
 * @param script the script name, e.g. {@code "V3__orders_customer_fk.sql"}, if known
 * @param checksum the Flyway checksum of the failing script, if known; with the script it names a repeatable
 *     migration ({@code R__}), which has no version
 * @param statementIndex the 1-based index of the failing statement within the script
 * @param line the line of the script where the failing statement's first keyword stands
 * @param statement the failing statement's text
 * @param sqlState the SQLSTATE the driver reported
 * @param vendorCode the vendor error code; empty on PostgreSQL, which has none
 * @param message the engine's error message, first line; when Flyway itself refused (a script it cannot parse, a
 *     placeholder without a value, a failed validation), Flyway's whole message, links left out
 * @param detail further detail the engine gave, e.g. PostgreSQL's {@code Key (customer_id)=(999) is not present…}
 * @param constraint the constraint the engine names
 * @param table the table the engine names, or that the statement alters
 * @param column the column the engine names
 * @param failureClass why it failed, independent of the engine; never {@code null}
 * @since 0.1
 */
public record Failure(
        Optional<String> version,
        Optional<String> script,
        OptionalInt checksum,
        OptionalInt statementIndex,
        OptionalInt line,
        Optional<String> statement,
        Optional<String> sqlState,
        OptionalInt vendorCode,
        String message,
        Optional<String> detail,
        Optional<String> constraint,
        Optional<String> table,
        Optional<String> column,
        FailureClass failureClass) {

    /**
     * Create a failure.
     *
     * @param version the version of the failing migration, if known
     * @param script the script name, e.g. {@code "V3__orders_customer_fk.sql"}, if known
     * @param checksum the Flyway checksum of the failing script, if known; with the script it names a repeatable migration ({@code R__}), which has no version
     * @param statementIndex the 1-based index of the failing statement within the script
     * @param line the line of the script where the failing statement's first keyword stands
     * @param statement the failing statement's text
     * @param sqlState the SQLSTATE the driver reported
     * @param vendorCode the vendor error code; empty on PostgreSQL, which has none
     * @param message the engine's error message, first line; when Flyway itself refused (a script it cannot parse, a placeholder without a value, a failed validation), Flyway's whole message, links left out
     * @param detail further detail the engine gave, e.g. PostgreSQL's {@code Key (customer_id)=(999) is not present…}
     * @param constraint the constraint the engine names
     * @param table the table the engine names, or that the statement alters
     * @param column the column the engine names
     * @param failureClass why it failed, independent of the engine; never {@code null}
     * @throws NullPointerException if any component is {@code null}
     */
    public Failure {
        requireNonNull(version, "version");
        requireNonNull(script, "script");
        requireNonNull(checksum, "checksum");
        requireNonNull(statementIndex, "statementIndex");
        requireNonNull(line, "line");
        requireNonNull(statement, "statement");
        requireNonNull(sqlState, "sqlState");
        requireNonNull(vendorCode, "vendorCode");
        requireNonNull(message, "message");
        requireNonNull(detail, "detail");
        requireNonNull(constraint, "constraint");
        requireNonNull(table, "table");
        requireNonNull(column, "column");
        requireNonNull(failureClass, "failureClass");
    }

    /**
     * Tell whether the failing script is a repeatable migration: a script is known and it has no version.
     *
     * @return {@code true} for a repeatable ({@code R__}) script
     */
    public boolean isRepeatable() {
        return version.isEmpty() && script.isPresent();
    }

    /**
     * Tell whether a statement failed, as opposed to Flyway refusing before it ran one.
     *
     * @return {@code true} if the failure has a failing statement
     */
    public boolean isStatementFailure() {
        return statementIndex.isPresent();
    }
}
