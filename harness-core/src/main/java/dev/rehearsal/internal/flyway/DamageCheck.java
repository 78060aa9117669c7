package dev.rehearsal.internal.flyway;

import dev.rehearsal.Damage;
import dev.rehearsal.DamageKind;
import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.jdbc.SqlText;
import dev.rehearsal.internal.schema.SchemaReader;
import dev.rehearsal.schema.Check;
import dev.rehearsal.schema.ForeignKey;
import dev.rehearsal.schema.Index;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.Supplier;

/**
 * What a successful step did without saying so: a census of the database before the step, compared with the
 * database after it.
 */
public final class DamageCheck {

    /** Above this many rows a table's keys are not kept; its rows are only counted. */
    private static final long KEY_LIMIT = 200_000;

    /**
     * The database before a step: its schema, and for the tables the step can change rows of ({@link StepScope}), their
     * row counts (on the server), the keys of those whose lost rows are listed by key, and the rows violating their
     * foreign keys and checks.
     */
    record Census(Schema schema, StepScope scope, Map<String, Long> counts, Map<String, Set<List<Object>>> keys,
            Map<TableObject, Long> violations, Map<TableObject, Long> checkViolations, Set<TableObject> invalid) {
    }

    /**
     * A constraint or index of a table, what findings are keyed by: its kind ({@code "foreign key"}, {@code "check"},
     * {@code "index"}), its table and its name, apart (names may hold dots).
     */
    public record TableObject(String kind, String table, String name) {

        /** e.g. {@code foreign key fk_orders_customer}. */
        public String describe() {
            return kind + " " + name;
        }
    }

    private DamageCheck() {
    }

    /**
     * The census before a step, on the step's own connection of the harness.
     *
     * @param statements what the step will run, as far as the harness can read it (empty: a Java migration); asked
     *     only when the database has tables
     */
    static Optional<Census> census(Connection connection, Engine engine, Dialect dialect, String historyTable,
            Supplier<Optional<List<String>>> statements) {
        try (Statement st = connection.createStatement()) {
            waitBriefly(st, engine);
            return Optional.of(take(connection, st, engine, dialect, historyTable, statements));
        } catch (SQLException e) {
            if (lockTimeout(e)) {
                // another session holds a lock on a table the census reads: the step runs without it, and, if it
                // waits for the same lock, its own verdict says so and names who holds it
                return Optional.empty();
            }
            throw new RehearsalException("Could not take the census of the database before the step: " + e.getMessage(), e);
        }
    }

    /**
     * How long the harness's own reads around a step wait for a lock another session holds, at most: the step itself
     * waits the full lock timeout, and names the holder when it gives up.
     */
    static final int READ_LOCK_WAIT_SECONDS = 2;

    private static void waitBriefly(Statement st, Engine engine) throws SQLException {
        st.execute(engine == Engine.POSTGRESQL ? "SET lock_timeout = '" + READ_LOCK_WAIT_SECONDS + "s'"
                : "SET SESSION lock_wait_timeout = " + READ_LOCK_WAIT_SECONDS + ", innodb_lock_wait_timeout = "
                        + READ_LOCK_WAIT_SECONDS);
    }

    /** Whether an error is a lock wait that gave up: PostgreSQL 55P03, the MySQL family 1205 or 3572. */
    private static boolean lockTimeout(SQLException e) {
        return "55P03".equals(e.getSQLState()) || e.getErrorCode() == 1205 || e.getErrorCode() == 3572;
    }

    private static Census take(Connection connection, Statement st, Engine engine, Dialect dialect, String historyTable,
            Supplier<Optional<List<String>>> statements) throws SQLException {
        if (!hasTables(st, engine, historyTable)) {
            // nothing to lose: the step can only leave constraints unchecked or rows unchecked in what it creates
            return new Census(new Schema(engine, "", List.of()), StepScope.NOTHING_BEFORE, Map.of(), Map.of(),
                    Map.of(), Map.of(), Set.of());
        }
        Schema schema = SchemaReader.of(engine).read(connection, engine, historyTable);
        StepScope scope = StepScope.of(statements.get(), schema, dialect, runsCode(st, engine));
        Map<String, Long> counts = new HashMap<>();
        Map<String, Set<List<Object>>> keys = new HashMap<>();
        for (Table table : schema.tables()) {
            if (!scope.covers(table.name())) {
                continue;
            }
            long count = count(st, "SELECT COUNT(*) FROM " + dialect.quote(table.name()));
            counts.put(key(table.name()), count);
            boolean listed = scope.tables().isEmpty() || scope.keysOf().contains(key(table.name()));
            if (listed && table.primaryKey().isPresent() && count <= KEY_LIMIT) {
                keys.put(key(table.name()), keys(st, dialect, table));
            }
        }
        return new Census(schema, scope, counts, keys,
                scope.bypassesChecks() ? violations(st, dialect, schema, scope::covers) : Map.of(),
                scope.bypassesChecks() ? checkViolations(st, dialect, schema, scope::covers) : Map.of(),
                invalid(st, engine));
    }

    /** Whether the database holds a table besides the history table. */
    private static boolean hasTables(Statement st, Engine engine, String historyTable) throws SQLException {
        String history = historyTable.replace("'", "''");
        return count(st, engine == Engine.POSTGRESQL
                ? "SELECT COUNT(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname ="
                        + " current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> '" + history + "'"
                : "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE ="
                        + " 'BASE TABLE' AND TABLE_NAME <> '" + history + "'") > 0;
    }

    /** Whether the database holds triggers or rules, which any statement of a step may fire. */
    static boolean runsCode(Statement st, Engine engine) throws SQLException {
        return count(st, engine == Engine.POSTGRESQL
                ? "SELECT (SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal) + (SELECT COUNT(*) FROM pg_rules"
                        + " WHERE schemaname NOT IN ('pg_catalog', 'information_schema'))"
                : "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()") > 0;
    }

    /**
     * What the engine keeps without enforcing it, read in one query: PostgreSQL's NOT VALID foreign keys and checks,
     * and INVALID indexes, of the current schema (what {@link #invalid(Schema)} finds in a schema read). The MySQL
     * family has neither.
     */
    private static Set<TableObject> invalid(Statement st, Engine engine) throws SQLException {
        Set<TableObject> invalid = new java.util.LinkedHashSet<>();
        if (engine != Engine.POSTGRESQL) {
            return invalid;
        }
        try (ResultSet rs = st.executeQuery("""
                SELECT cl.relname, con.conname, con.contype::text FROM pg_constraint con
                JOIN pg_class cl ON cl.oid = con.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
                WHERE n.nspname = current_schema() AND NOT con.convalidated AND con.contype IN ('f', 'c')
                UNION ALL
                SELECT t.relname, i.relname, 'i' FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid
                JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = current_schema() AND NOT x.indisvalid AND NOT x.indisprimary
                ORDER BY 1, 2""")) {
            while (rs.next()) {
                String kind = switch (rs.getString(3)) {
                    case "f" -> "foreign key";
                    case "c" -> "check";
                    default -> "index";
                };
                invalid.add(new TableObject(kind, rs.getString(1), rs.getString(2)));
            }
        }
        return invalid;
    }

    /**
     * What the step did without saying so, on the step's own connection of the harness: rows lost from the tables it
     * could change rows of, rows violating foreign keys and checks when it bypassed them, constraints and indexes it
     * left unchecked.
     *
     * @param statements the statements the step ran
     * @param warnings the warnings the engine raised that mean rows were changed to fit
     */
    static List<Damage> findings(Census before, Connection connection, Engine engine, Dialect dialect,
            String historyTable, List<String> statements, List<DataWarning> warnings) {
        List<Damage> damage = new ArrayList<>();
        warnings.forEach(w -> damage.add(new Damage(DamageKind.WARNINGS, w.table(), w.message())));
        Set<String> deletedFrom = statements.stream()
                .filter(s -> Set.of("DELETE", "TRUNCATE").contains(SqlText.leadingWords(s, 1, engine).stream().findFirst()
                        .orElse("")))
                .map(dialect::tableOf).flatMap(java.util.Optional::stream).map(DamageCheck::key)
                .collect(Collectors.toSet());
        boolean bypassed = before.scope().bypassesChecks() || StepScope.bypasses(statements, engine);
        try (Statement st = connection.createStatement()) {
            waitBriefly(st, engine);
            // the schema after the step is read only when a lost key or a violation needs it
            Schema after = bypassed || !before.keys().isEmpty()
                    ? SchemaReader.of(engine).read(connection, engine, historyTable) : null;
            for (Map.Entry<String, Long> counted : before.counts().entrySet()) {
                String name = counted.getKey();
                Table was = before.schema().table(name).orElseThrow();
                if (deletedFrom.contains(name)) {
                    continue;
                }
                Optional<Table> table = after != null ? after.table(name) : Optional.of(was);
                Optional<Long> countAfter = table.isEmpty() ? Optional.empty() : countIfThere(connection, st, dialect, was);
                if (countAfter.isEmpty()) {
                    continue; // dropped or renamed by the step
                }
                long countBefore = counted.getValue();
                Set<List<Object>> keysBefore = before.keys().get(name);
                boolean samePrimaryKey = table.get().primaryKey().isPresent() && was.primaryKey()
                        .map(pk -> pk.columns().equals(table.get().primaryKey().get().columns())).orElse(false);
                if (keysBefore != null && samePrimaryKey) {
                    Set<List<Object>> lost = new HashSet<>(keysBefore);
                    lost.removeAll(keys(st, dialect, table.get()));
                    if (!lost.isEmpty()) {
                        damage.add(new Damage(DamageKind.ROWS_LOST, was.name(), lost.size() + " row(s) lost (" + countBefore
                                + " -> " + countAfter.get() + "), keys " + lost.stream().limit(5).map(k -> k.size() == 1
                                ? String.valueOf(k.get(0)) : k.toString()).sorted().toList()
                                + (lost.size() > 5 ? " and more" : "")));
                    }
                } else if (countAfter.get() < countBefore) {
                    damage.add(new Damage(DamageKind.ROWS_LOST, was.name(), (countBefore - countAfter.get())
                            + " row(s) lost (" + countBefore + " -> " + countAfter.get() + ")"));
                }
            }
            if (bypassed) {
                StepScope scope = before.scope();
                violations(st, dialect, after, scope::covers).forEach((fk, count) -> {
                    if (count > before.violations().getOrDefault(fk, 0L)) {
                        damage.add(new Damage(DamageKind.FOREIGN_KEY_VIOLATED, fk.table(), count + " row(s) violate "
                                + fk.describe() + ", which the step left in place (added with checks off, or NOT VALID)"));
                    }
                });
                checkViolations(st, dialect, after, scope::covers).forEach((check, count) -> {
                    long was = before.checkViolations().getOrDefault(check, 0L);
                    if (count > 0 && was >= 0 && count > was) {
                        damage.add(new Damage(DamageKind.CHECK_VIOLATED, check.table(), count + " row(s) violate "
                                + check.describe() + ", which the engine accepted without enforcing it on them (checks"
                                + " off, or NOT ENFORCED)"));
                    }
                });
            }
            Set<TableObject> invalid = invalid(st, engine);
            for (String statement : statements) {
                for (String index : SqlText.indexCreatedIfNotExists(statement, engine).stream().toList()) {
                    invalid.stream().filter(o -> o.kind().equals("index") && o.name().equalsIgnoreCase(index))
                            .forEach(o -> damage.add(new Damage(DamageKind.INVALID_INDEX, o.table(), "CREATE INDEX IF NOT"
                                    + " EXISTS " + o.name() + " succeeded by skipping the INVALID index of that name: it is"
                                    + " still not used and enforces nothing")));
                }
            }
            for (TableObject object : invalid) {
                if (!before.invalid().contains(object)) {
                    damage.add(object.kind().equals("index")
                            ? new Damage(DamageKind.INVALID_INDEX, object.table(), object.describe() + " is INVALID: it is"
                                    + " not used and does not enforce anything (IF NOT EXISTS over a failed concurrent build?)")
                            : new Damage(DamageKind.NOT_VALID_CONSTRAINT, object.table(), object.describe() + " was added"
                                    + " NOT VALID: the existing rows were never checked"));
                }
            }
        } catch (SQLException e) {
            if (lockTimeout(e)) {
                return damage; // a session took a lock since the step: what was found so far stands
            }
            throw new RehearsalException("Could not check the database after the step: " + e.getMessage(), e);
        }
        return damage;
    }

    /** A table's rows now; empty when the step dropped or renamed it (the engine says it does not exist). */
    private static Optional<Long> countIfThere(Connection connection, Statement st, Dialect dialect, Table table)
            throws SQLException {
        try {
            return Optional.of(count(st, "SELECT COUNT(*) FROM " + dialect.quote(table.name())));
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || e.getErrorCode() == 1146) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Rows referencing no parent, per foreign key whose parent is in the schema; only those with some. */
    public static Map<TableObject, Long> violations(Statement st, Dialect dialect, Schema schema) throws SQLException {
        return violations(st, dialect, schema, (table, fk) -> true);
    }

    /** The same, for the foreign keys a step can have broken. */
    static Map<TableObject, Long> violations(Statement st, Dialect dialect, Schema schema,
            java.util.function.BiPredicate<Table, ForeignKey> covered) throws SQLException {
        Map<TableObject, Long> violations = new java.util.LinkedHashMap<>();
        for (Table table : schema.tables()) {
            for (ForeignKey fk : table.foreignKeys()) {
                if (schema.table(fk.referencedTable()).isEmpty() || !covered.test(table, fk)) {
                    continue;
                }
                long count = count(st, dialect.countOrphans(table, fk));
                if (count > 0) {
                    violations.put(new TableObject("foreign key", table.name(), fk.name()), count);
                }
            }
        }
        return violations;
    }

    /**
     * Rows violating each enforced CHECK; -1 where the predicate cannot be evaluated on its
     * own (e.g. it calls a function of another schema): nothing can be concluded about that check.
     */
    public static Map<TableObject, Long> checkViolations(Statement st, Dialect dialect, Schema schema) {
        return checkViolations(st, dialect, schema, table -> true);
    }

    /** The same, for the checks of the tables a step can change rows of. */
    static Map<TableObject, Long> checkViolations(Statement st, Dialect dialect, Schema schema,
            java.util.function.Predicate<String> covered) {
        Map<TableObject, Long> violations = new java.util.LinkedHashMap<>();
        for (Table table : schema.tables()) {
            if (!covered.test(table.name())) {
                continue;
            }
            for (Check check : table.checks()) {
                if (!check.validated()) {
                    continue; // reported as NOT VALID
                }
                long count;
                try {
                    count = count(st, dialect.countCheckViolations(table, check));
                } catch (SQLException e) {
                    count = -1;
                }
                if (count != 0) {
                    violations.put(new TableObject("check", table.name(), check.name()), count);
                }
            }
        }
        return violations;
    }

    /**
     * What the engine keeps without enforcing it, table by table: foreign keys and checks added NOT VALID, then
     * INVALID indexes. The one loop behind the damage of a step and the leftovers of a database.
     */
    public static Set<TableObject> invalid(Schema schema) {
        Set<TableObject> invalid = new java.util.LinkedHashSet<>();
        for (Table table : schema.tables()) {
            for (ForeignKey fk : table.foreignKeys()) {
                if (!fk.validated()) {
                    invalid.add(new TableObject("foreign key", table.name(), fk.name()));
                }
            }
            for (Check check : table.checks()) {
                if (!check.validated()) {
                    invalid.add(new TableObject("check", table.name(), check.name()));
                }
            }
            for (Index index : table.indexes()) {
                if (!index.valid()) {
                    invalid.add(new TableObject("index", table.name(), index.name()));
                }
            }
        }
        return invalid;
    }

    private static Set<List<Object>> keys(Statement st, Dialect dialect, Table table) throws SQLException {
        List<String> columns = table.primaryKey().orElseThrow().columns();
        Set<List<Object>> keys = new HashSet<>();
        try (ResultSet rs = st.executeQuery("SELECT " + columns.stream().map(dialect::quote).collect(Collectors.joining(", "))
                + " FROM " + dialect.quote(table.name()))) {
            while (rs.next()) {
                List<Object> key = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    Object value = rs.getObject(i);
                    key.add(dev.rehearsal.snapshot.ValueText.of(value));
                }
                keys.add(key);
            }
        }
        return keys;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /**
     * A warning of the engine that means rows were changed to fit, and the table its statement acted on.
     *
     * @param table the table, or the script when the statement names none the harness can read
     * @param message where it happened and what the engine said
     */
    record DataWarning(String table, String message) {

        /** The warning of a statement of a script, if it is one that means changed data. */
        static java.util.Optional<DataWarning> of(Dialect dialect, int code, String message, String statement,
                String script, int index) {
            if (!dialect.changedData(code)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new DataWarning(dialect.tableOf(statement).orElse(script), script
                    + " statement " + index + " changed data with warning " + code + ": " + message));
        }
    }
}
