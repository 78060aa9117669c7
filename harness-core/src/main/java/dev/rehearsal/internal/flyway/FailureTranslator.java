package dev.rehearsal.internal.flyway;

import dev.rehearsal.Failure;
import dev.rehearsal.FailureClass;
import dev.rehearsal.LeftBehind;
import dev.rehearsal.ExecutedStatement;
import dev.rehearsal.UnsafeOperationException;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.dialect.ErrorFields;
import dev.rehearsal.internal.flyway.StatementRecorder.MigrationRun;
import dev.rehearsal.internal.flyway.StatementRecorder.State;
import dev.rehearsal.internal.flyway.StatementRecorder.StatementRun;
import dev.rehearsal.internal.jdbc.SqlText;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.exception.FlywayValidateException;

/**
 * Turns what Flyway threw, and what the recorder saw, into an engine-neutral {@link Failure} and the
 * {@link LeftBehind} it caused.
 */
final class FailureTranslator {

    private final Dialect dialect;

    FailureTranslator(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * @param after Flyway's view after the step; null when the server no longer answered
     * @throws UnsafeOperationException if the migration was aborted because a statement was refused
     */
    Failure failure(RuntimeException thrown, StatementRecorder recorder, MigrationInfoService after,
            Optional<MigrationInfo> firstPending) {
        unsafeCause(thrown).ifPresent(unsafe -> {
            throw unsafe;
        });
        Optional<MigrationRun> run = recorder.last().filter(r -> r.state != State.SUCCEEDED);
        // Flyway refused after validating: only a failed row names a migration; a checksum mismatch names its own
        Optional<MigrationInfo> attempted = run.isEmpty() && thrown instanceof FlywayValidateException
                ? Optional.empty() : firstPending;
        Optional<StatementRun> failing = run.flatMap(MigrationRun::failing);
        Optional<SQLException> sql = sqlCause(thrown);
        // the migration that ran names itself, a repeatable one with no version; without a run Flyway refused up
        // front: blame the failed row it found, else the migration it was about to run
        Optional<MigrationInfo> blamed = run.isPresent() ? Optional.empty() : failedRow(after).or(() -> attempted);
        Optional<String> version = run.isPresent()
                ? Optional.of(run.get().version).filter(v -> !v.isEmpty())
                : blamed.map(MigrationInfo::getVersion).map(Object::toString);
        Optional<String> script = run.map(r -> r.script).or(() -> blamed.map(MigrationInfo::getScript));
        OptionalInt checksum = Optional.ofNullable(run.isPresent() ? run.get().checksum
                : blamed.map(MigrationInfo::getChecksum).orElse(null)).map(OptionalInt::of).orElse(OptionalInt.empty());

        if (failing.isPresent()) {
            StatementRun statement = failing.get();
            String text = SqlText.trimTerminator(statement.sql);
            // the statement's own error, as the recorder saw it, wins over a later one in what Flyway threw: a session
            // killed during the statement fails it (MariaDB 1927), then Flyway's write of the failed history row on
            // the dead connection fails (08003 "No operations allowed after connection closed"), which it throws
            Optional<SQLException> later = sql.filter(e -> statement.errorMessage != null
                    && !(Objects.equals(e.getSQLState(), statement.sqlState) && e.getErrorCode() == statement.errorCode));
            Optional<SQLException> own = later.isPresent() ? Optional.empty() : sql;
            Optional<String> sqlState = own.map(SQLException::getSQLState).or(() -> Optional.ofNullable(statement.sqlState));
            int code = own.map(SQLException::getErrorCode).orElse(statement.errorCode);
            ErrorFields fields = own.map(e -> dialect.fields(e, text)).orElseGet(() -> new ErrorFields(
                    Dialect.firstLine(statement.errorMessage), later.map(e -> "then Flyway could not record the failure"
                            + " in the history table: " + Dialect.firstLine(e.getMessage()) + " (SQLSTATE "
                            + e.getSQLState() + ")"), Optional.empty(), dialect.tableOf(text), Optional.empty()));
            return new Failure(version, script, checksum, OptionalInt.of(statement.index), FlywayInternals.failingLine(thrown),
                    Optional.of(text), sqlState, code == 0 ? OptionalInt.empty() : OptionalInt.of(code), fields.message(),
                    fields.detail(), fields.constraint(), fields.table(), fields.column(),
                    dialect.classify(sqlState, code, text));
        }
        Optional<String> sqlState = sql.map(SQLException::getSQLState);
        int code = sql.map(SQLException::getErrorCode).orElse(0);
        // a script Flyway's parser cannot read fails on any database, as a statement the server cannot parse does
        FailureClass failureClass = sql.isPresent() ? dialect.classify(sqlState, code, "")
                : isParseError(thrown) ? FailureClass.SYNTAX : FailureClass.OTHER;
        ErrorFields fields = sql.map(e -> dialect.fields(e, "")).orElseGet(() -> new ErrorFields(flywayMessage(thrown),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        return new Failure(version, script, checksum, OptionalInt.empty(), OptionalInt.empty(), Optional.empty(), sqlState,
                code == 0 ? OptionalInt.empty() : OptionalInt.of(code), fields.message(), fields.detail(),
                fields.constraint(), fields.table(), fields.column(), failureClass);
    }

    /** A statement of a script that failed when the harness ran it itself (resume). */
    Failure statementFailure(String version, String script, Integer checksum, int index, int line, String statement,
            SQLException error) {
        String text = SqlText.trimTerminator(statement);
        Optional<String> sqlState = Optional.ofNullable(error.getSQLState());
        int code = error.getErrorCode();
        ErrorFields fields = dialect.fields(error, text);
        return new Failure(Optional.of(version), Optional.of(script),
                checksum == null ? OptionalInt.empty() : OptionalInt.of(checksum), OptionalInt.of(index), OptionalInt.of(line),
                Optional.of(text), sqlState, code == 0 ? OptionalInt.empty() : OptionalInt.of(code), fields.message(),
                fields.detail(), fields.constraint(), fields.table(), fields.column(), dialect.classify(sqlState, code, text));
    }

    LeftBehind leftBehind(Failure failure, StatementRecorder recorder, MigrationInfoService after) {
        return leftBehind(failure, recorder, after, Optional.empty());
    }

    /**
     * @param after Flyway's view after the step; null when the server no longer answered: then the version is
     *     {@code unread} and no failed row is assumed (its write needed the same server)
     */
    LeftBehind leftBehind(Failure failure, StatementRecorder recorder, MigrationInfoService after,
            Optional<String> unread) {
        Optional<String> version = after == null ? unread : HistoryTable.currentVersion(after);
        boolean failedRow = after != null && failure.version()
                .map(v -> Arrays.stream(after.all()).anyMatch(i -> i.getState().isFailed() && i.getVersion() != null
                        && i.getVersion().toString().equals(v)))
                .orElse(Arrays.stream(after.all()).anyMatch(i -> i.getState().isFailed()));
        Optional<MigrationRun> run = recorder.last().filter(r -> r.state != State.SUCCEEDED);
        if (run.isEmpty()) {
            return new LeftBehind(version, false, List.of(), List.of(), failedRow);
        }
        List<StatementRun> statements = run.get().statements;
        Optional<StatementRun> failing = run.get().failing();
        boolean inTransaction = failing.map(s -> !s.autoCommit)
                .orElse(!statements.isEmpty() && !statements.get(statements.size() - 1).autoCommit);
        // a statement the engine could not parse commits nothing; nor does one whose connection was lost, which may
        // never have reached the server (a fault point that struck as it was sent): whether it ran is told apart
        // from the schema, by the fault rehearsal
        boolean failingWasParsed = failure.failureClass() != FailureClass.SYNTAX
                && failure.failureClass() != FailureClass.CONNECTION_LOST;
        List<ExecutedStatement> executed = new ArrayList<>();
        List<ExecutedStatement> stillApplied = new ArrayList<>();
        // whether a statement after each one commits implicitly, from the end backwards: one pass, however long the
        // script (a statement the engine could not parse commits nothing)
        int n = statements.size();
        int lastThatRan = failingWasParsed ? n - 1 : n - 2;
        boolean[] laterCommits = new boolean[n];
        boolean seen = false;
        for (int j = n - 1; j >= 0; j--) {
            laterCommits[j] = seen;
            if (j <= lastThatRan && dialect.commitsImplicitly(statements.get(j).sql)) {
                seen = true;
            }
        }
        for (int i = 0; i < n; i++) {
            StatementRun statement = statements.get(i);
            if (statement.state != State.SUCCEEDED) {
                continue;
            }
            ExecutedStatement done = new ExecutedStatement(statement.index, SqlText.trimTerminator(statement.sql));
            executed.add(done);
            if (statement.autoCommit || dialect.staysInEffect(statement.sql, laterCommits[i])) {
                stillApplied.add(done);
            }
        }
        return new LeftBehind(version, inTransaction, executed, stillApplied, failedRow);
    }

    private static Optional<MigrationInfo> failedRow(MigrationInfoService info) {
        if (info == null) {
            return Optional.empty(); // the history could not be read
        }
        return Arrays.stream(info.all()).filter(i -> i.getState().isFailed()).reduce((a, b) -> b);
    }

    /**
     * Flyway's own parser stopped on the script: nothing reached the server. A placeholder without a value reaches us
     * as a parse error too, but it is the configuration that is wrong, not the script.
     */
    private static boolean isParseError(Throwable thrown) {
        boolean parse = false;
        for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.contains("No value provided for placeholder")) {
                return false;
            }
            parse |= message.startsWith("Unable to parse statement") || message.startsWith("Incomplete statement")
                    || message.startsWith("Delimiter changed inside statement");
        }
        return parse;
    }

    static Optional<SQLException> sqlCause(Throwable thrown) {
        for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    private static Optional<UnsafeOperationException> unsafeCause(Throwable thrown) {
        for (Throwable t = thrown; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof UnsafeOperationException unsafe) {
                return Optional.of(unsafe);
            }
        }
        return Optional.empty();
    }

    private static final Pattern LINK = Pattern.compile("\\(?https?://[^\\s)]+\\)?");
    private static final Pattern SEE_FOR_MORE = Pattern.compile("(?i)\\s*See\\s+for more information\\.?");

    /**
     * Flyway's whole message, its lines kept: only links (and the "See ... for more information" around them) and
     * Redgate's advertising lines are left out, never the text.
     */
    static String flywayMessage(Throwable thrown) {
        String message = String.valueOf(thrown.getMessage());
        return Arrays.stream(message.split("\\R"))
                .map(line -> SEE_FOR_MORE.matcher(LINK.matcher(line).replaceAll("")).replaceAll(""))
                .map(line -> line.replaceAll("(?<=\\S) {2,}(?=\\S)", " ").stripTrailing())
                .filter(line -> !line.isBlank() && !line.strip().startsWith("Need more flexibility"))
                .collect(Collectors.joining("\n"));
    }
}
