package dev.rehearsal.internal.flyway;

import dev.rehearsal.Engine;
import dev.rehearsal.Finding;
import dev.rehearsal.FindingKind;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.jdbc.SqlText;
import dev.rehearsal.schema.Schema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timeouts that are right in the rehearsal and wrong for production, read from what a step ran: a lock on a table that
 * existed before, taken with no lock timeout of the script's own (the rehearsal's sessions carry the harness's, which
 * production's do not), and a PostgreSQL {@code CREATE INDEX CONCURRENTLY} under a {@code statement_timeout} it used
 * half or more of on the rehearsal's rows. One finding of each kind per script at most.
 */
final class TimeoutFindings {

    private static final Pattern DURATION = Pattern.compile("(?i)^'?\\s*(\\d+(?:\\.\\d+)?)\\s*(ms|s|min|h)?\\s*'?$");

    private TimeoutFindings() {
    }

    /**
     * @param runs what the step ran, script by script
     * @param before the schema before the step; tables it lacks were created by the step and contend with nobody;
     *     null when unknown (then only the tables the step itself created are left out)
     */
    static List<Finding> of(List<StatementRecorder.MigrationRun> runs, Dialect dialect, Schema before) {
        Engine engine = dialect.engine();
        List<Finding> findings = new ArrayList<>();
        Set<String> created = new HashSet<>();
        for (StatementRecorder.MigrationRun run : runs) {
            boolean lockTimeout = false;
            Optional<Duration> statementTimeout = Optional.empty();
            boolean lockFound = false;
            boolean timeoutFound = false;
            for (StatementRecorder.StatementRun statement : run.statements) {
                List<String> words = SqlText.leadingWords(statement.sql, 12, engine);
                if (words.isEmpty()) {
                    continue;
                }
                String first = words.get(0);
                if ("SET".equals(first) && words.size() > 1 && "STATEMENT".equals(words.get(1))) {
                    continue; // MariaDB SET STATEMENT lock_wait_timeout = n FOR <statement>: bounded, for itself only
                }
                if ("RESET".equals(first)) {
                    if (words.contains("LOCK_TIMEOUT") || words.contains("ALL")) {
                        lockTimeout = false;
                    }
                    if (words.contains("STATEMENT_TIMEOUT") || words.contains("ALL")) {
                        statementTimeout = Optional.empty();
                    }
                    continue;
                }
                if ("SET".equals(first) || "SELECT".equals(first) && words.contains("SET_CONFIG")) {
                    Optional<Boolean> lock = setsLockTimeout(statement.sql, words, engine);
                    if (lock.isPresent()) {
                        lockTimeout = lock.get();
                    }
                    if (engine == Engine.POSTGRESQL && words.stream().anyMatch(w -> w.endsWith("STATEMENT_TIMEOUT"))) {
                        statementTimeout = valueAfterEquals(statement.sql).flatMap(TimeoutFindings::postgresDuration)
                                .filter(d -> !d.isZero());
                    }
                    continue;
                }
                if ("CREATE".equals(first) && words.contains("TABLE")) {
                    dialect.tableOf(statement.sql).or(() -> createdTable(words)).map(t -> t.toLowerCase(Locale.ROOT))
                            .ifPresent(created::add);
                    continue;
                }
                boolean concurrently = words.contains("CONCURRENTLY");
                boolean waitsItsOwn = words.contains("WAIT") || words.contains("NOWAIT"); // MariaDB ALTER TABLE t WAIT n
                if (!lockFound && !lockTimeout && !waitsItsOwn && takesLock(first, words, concurrently)) {
                    Optional<String> table = dialect.tableOf(statement.sql).map(t -> t.toLowerCase(Locale.ROOT));
                    boolean existed = table.isPresent() && !created.contains(table.get())
                            && (before == null || before.table(table.get()).isPresent());
                    if (existed) {
                        lockFound = true;
                        findings.add(new Finding(FindingKind.NO_LOCK_TIMEOUT, run.script, statement.index,
                                "(" + brief(statement.sql) + ") takes a lock on " + table.get() + " with no lock timeout"
                                        + " of its own: in production it waits for that lock as long as the server lets"
                                        + " it (" + (engine == Engine.POSTGRESQL ? "PostgreSQL's default: forever"
                                        : "lock_wait_timeout, a year by default") + ") and every write on "
                                        + table.get() + " queues behind it; the rehearsal bounded it with"
                                        + " rehearsal.timeout.lock. Put " + (engine == Engine.POSTGRESQL
                                        ? "SET lock_timeout = '5s';" : "SET SESSION lock_wait_timeout = 5;")
                                        + " before it, and retry the migration when it gives up"));
                    }
                }
                if (!timeoutFound && engine == Engine.POSTGRESQL && concurrently && statementTimeout.isPresent()
                        && statement.endNanos > 0) {
                    Duration took = Duration.ofNanos(statement.endNanos - statement.startNanos);
                    boolean cancelled = statement.state == StatementRecorder.State.FAILED
                            && "57014".equals(statement.sqlState);
                    if (cancelled || took.multipliedBy(2).compareTo(statementTimeout.get()) >= 0) {
                        timeoutFound = true;
                        findings.add(new Finding(FindingKind.TIMEOUT_TOO_SHORT, run.script, statement.index,
                                "(" + brief(statement.sql) + ") " + (cancelled ? "was cancelled by" : "used "
                                        + Math.round(100.0 * took.toNanos() / statementTimeout.get().toNanos()) + " % of")
                                        + " its statement_timeout of " + statementTimeout.get().toMillis() + " ms on the"
                                        + " rehearsal's rows (it ran " + took.toMillis() + " ms): on production's rows it"
                                        + " may run out of time, and a cancelled CONCURRENTLY build leaves an INVALID"
                                        + " index. Put SET statement_timeout = 0; before the build"));
                    }
                }
            }
        }
        return findings;
    }

    /** Whether a statement takes a lock that blocks others on a table: DDL on it (a CONCURRENTLY build does not). */
    private static boolean takesLock(String first, List<String> words, boolean concurrently) {
        String second = words.size() > 1 ? words.get(1) : "";
        return switch (first) {
            case "ALTER" -> "TABLE".equals(second) || words.contains("TABLE");
            case "CREATE" -> words.contains("INDEX") && !concurrently;
            case "DROP" -> ("TABLE".equals(second) || "INDEX".equals(second)) && !concurrently;
            case "TRUNCATE", "RENAME", "LOCK" -> true;
            default -> false;
        };
    }

    /** Whether a SET (or set_config) sets the lock timeout: to a bound (true) or to none, 0 (false); empty if not. */
    private static Optional<Boolean> setsLockTimeout(String sql, List<String> words, Engine engine) {
        boolean names = words.stream().map(w -> w.substring(w.lastIndexOf('.') + 1))
                .anyMatch(w -> engine == Engine.POSTGRESQL ? w.equals("LOCK_TIMEOUT") : w.equals("LOCK_WAIT_TIMEOUT"));
        if (!names) {
            return Optional.empty();
        }
        if (sql.toUpperCase(Locale.ROOT).contains("SET_CONFIG")) {
            Matcher zero = Pattern.compile("(?i)SET_CONFIG\\s*\\(\\s*'lock_timeout'\\s*,\\s*'0[a-z]*'").matcher(sql);
            return Optional.of(!zero.find());
        }
        Optional<String> value = valueAfterEquals(sql);
        return Optional.of(value.map(v -> {
            String bare = v.replace("'", "").strip();
            return !bare.equalsIgnoreCase("DEFAULT") && postgresDuration(v).map(d -> !d.isZero()).orElse(true);
        }).orElse(true));
    }

    private static Optional<String> valueAfterEquals(String sql) {
        String text = SqlText.trimTerminator(sql);
        int at = text.indexOf('=');
        if (at < 0) {
            Matcher to = Pattern.compile("(?i)\\bTO\\b").matcher(text);
            if (!to.find()) {
                return Optional.empty();
            }
            at = to.end() - 1;
        }
        return Optional.of(text.substring(at + 1).strip());
    }

    /** A PostgreSQL duration setting's value: {@code 5000}, {@code '5s'}, {@code '2min'}; milliseconds without a unit. */
    private static Optional<Duration> postgresDuration(String value) {
        Matcher m = DURATION.matcher(value.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        double millis = switch (unit) {
            case "s" -> amount * 1000;
            case "min" -> amount * 60_000;
            case "h" -> amount * 3_600_000;
            default -> amount;
        };
        return Optional.of(Duration.ofMillis(Math.round(millis)));
    }

    private static Optional<String> createdTable(List<String> words) {
        int at = words.indexOf("TABLE");
        int i = at + 1;
        if (i + 2 < words.size() && "IF".equals(words.get(i)) && "NOT".equals(words.get(i + 1))) {
            i += 3;
        }
        // a qualified name (public.foo) is keyed by its last part, as tableOf reads the statements that name it
        return i < words.size() ? Optional.of(words.get(i).substring(words.get(i).lastIndexOf('.') + 1))
                : Optional.empty();
    }

    private static String brief(String sql) {
        String one = SqlText.trimTerminator(SqlText.stripLeadingComments(sql)).replaceAll("\\s+", " ").strip();
        return one.length() <= 60 ? one : one.substring(0, 57) + "…";
    }
}
