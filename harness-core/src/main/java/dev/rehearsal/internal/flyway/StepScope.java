package dev.rehearsal.internal.flyway;

import dev.rehearsal.Engine;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.jdbc.SqlText;
import dev.rehearsal.schema.ForeignKey;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The tables a step can change rows of, read from its statements before it runs, so that the damage check looks at
 * those and not at every table: each statement's table, and the tables whose foreign keys reference a table the step
 * deletes from or updates (a delete cascades). Every table when that cannot be told: a statement that runs code (a function, a procedure, a
 * {@code DO} block, a prepared statement), creates code that later statements could fire (a trigger, a rule, a
 * function), changes rows through a name that is not a table (a view), or a step with a Java migration; and when the
 * database has triggers or rules already, which any statement may fire.
 *
 * @param tables the tables, lower-case; empty for every table
 * @param keysOf the tables whose lost rows are listed by key: those an {@code ALTER IGNORE} may drop rows of without
 *     saying so (the others are counted on the server)
 * @param bypassesChecks whether rows may come to violate a foreign key or a check: only a step that turns checks off
 *     ({@code foreign_key_checks}, {@code check_constraint_checks}, {@code session_replication_role}, {@code DISABLE
 *     TRIGGER}) or adds a constraint without checking the rows ({@code NOT VALID}, {@code NOT ENFORCED}) can leave
 *     any, since the engine enforces the others; the violations are counted only then
 */
record StepScope(Optional<Set<String>> tables, Set<String> keysOf, boolean bypassesChecks) {

    static final StepScope EVERY_TABLE = new StepScope(Optional.empty(), Set.of(), true);

    /**
     * A step from a database with no table: it has no rows to lose, and it leaves violations only if the statements it
     * ran bypass the checks ({@link #bypasses}), which the check after the step reads from them.
     */
    static final StepScope NOTHING_BEFORE = new StepScope(Optional.empty(), Set.of(), false);

    /** What a CREATE statement creates: the first of these words in it (before a column could be named so). */
    private static final Set<String> CREATED = Set.of("TABLE", "INDEX", "VIEW", "SEQUENCE", "SCHEMA", "TYPE",
            "EXTENSION", "DOMAIN", "TRIGGER", "RULE", "FUNCTION", "PROCEDURE", "EVENT", "COLLATION", "STATISTICS");

    /** Words of a statement that turn a check off, or add a constraint the existing rows are not checked against. */
    private static final Set<String> BYPASSING = Set.of("FOREIGN_KEY_CHECKS", "CHECK_CONSTRAINT_CHECKS",
            "SESSION_REPLICATION_ROLE", "DISABLE", "VALID", "ENFORCED");

    /** Whether any of these statements may leave rows violating a foreign key or a check, see {@link #bypassesChecks}. */
    static boolean bypasses(List<String> statements, Engine engine) {
        // a word keeps its dots: SET @@session.foreign_key_checks = 0 reads SESSION.FOREIGN_KEY_CHECKS
        return statements.stream().anyMatch(statement -> SqlText.leadingWords(statement, 10_000, engine).stream()
                .map(word -> word.substring(word.lastIndexOf('.') + 1)).anyMatch(BYPASSING::contains));
    }

    /** Whether the damage check looks at this table. */
    boolean covers(String table) {
        return tables.isEmpty() || tables.get().contains(key(table));
    }

    /** Whether a foreign key can have lost parents or gained orphans in this step. */
    boolean covers(Table child, ForeignKey fk) {
        return covers(child.name()) || covers(fk.referencedTable());
    }

    /**
     * @param statements the step's statements, empty when one of its migrations is not SQL the harness can read
     * @param before the schema before the step
     * @param runsCode whether the database has triggers or rules already
     */
    static StepScope of(Optional<List<String>> statements, Schema before, Dialect dialect, boolean runsCode) {
        if (statements.isEmpty() || runsCode) {
            return EVERY_TABLE;
        }
        Engine engine = dialect.engine();
        Set<String> tables = new HashSet<>();
        Set<String> keysOf = new HashSet<>();
        Set<String> removing = new HashSet<>();
        for (String statement : statements.get()) {
            List<String> words = SqlText.leadingWords(statement, 4, engine);
            String first = words.isEmpty() ? "" : words.get(0);
            String second = words.size() > 1 ? words.get(1) : "";
            switch (first) {
                case "", "SET", "COMMENT", "GRANT", "REVOKE", "ANALYZE", "VACUUM" -> {
                    continue; // no rows change
                }
                case "CREATE" -> {
                    // code that later statements could fire, however it is introduced: CREATE DEFINER=`u`@`h` TRIGGER,
                    // CREATE OR REPLACE CONSTRAINT TRIGGER, /*!50017 DEFINER=... */ (the comment is read as words)
                    String kind = SqlText.leadingWords(statement, 64, engine).stream().filter(CREATED::contains)
                            .findFirst().orElse("");
                    if (Set.of("TRIGGER", "RULE", "FUNCTION", "PROCEDURE", "EVENT", "").contains(kind)) {
                        return EVERY_TABLE;
                    }
                }
                case "ALTER", "INSERT", "UPDATE", "DELETE", "TRUNCATE", "DROP", "RENAME", "REPLACE", "MERGE" -> {
                    // rows change in the statement's table
                }
                default -> {
                    return EVERY_TABLE; // SELECT f(...), DO, CALL, EXECUTE, WITH ...: code the harness cannot read
                }
            }
            boolean changesRows = Set.of("INSERT", "UPDATE", "DELETE", "TRUNCATE", "REPLACE", "MERGE").contains(first);
            if (engine.isMysqlFamily() && ("UPDATE".equals(first) || "DELETE".equals(first)) && manyTables(statement, engine)) {
                return EVERY_TABLE; // UPDATE a JOIN b SET b.x, DELETE a, b FROM ...: rows of more tables than one
            }
            Optional<String> table = dialect.tableOf(statement).map(StepScope::key);
            if (table.isEmpty() && !"CREATE".equals(first) && !"DROP".equals(first)) {
                return EVERY_TABLE;
            }
            if (table.isPresent() && before.table(table.get()).isEmpty()) {
                if (changesRows) {
                    return EVERY_TABLE; // through a view, or a table of another schema
                }
                continue; // a table the step creates: it had no rows to lose
            }
            boolean removes = Set.of("DELETE", "UPDATE", "TRUNCATE", "DROP", "REPLACE", "MERGE").contains(first)
                    || ("ALTER".equals(first) && "IGNORE".equals(second));
            table.ifPresent(t -> {
                tables.add(t);
                if (removes) {
                    removing.add(t);
                }
                if (engine.isMysqlFamily() && "ALTER".equals(first) && "IGNORE".equals(second)) {
                    keysOf.add(t);
                }
            });
        }
        // a delete (or a key's update) cascades into the tables that reference the table, and on through theirs
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Table table : before.tables()) {
                if (!removing.contains(key(table.name())) && table.foreignKeys().stream()
                        .anyMatch(fk -> removing.contains(key(fk.referencedTable())))) {
                    removing.add(key(table.name()));
                    tables.add(key(table.name()));
                    grew = true;
                }
            }
        }
        return new StepScope(Optional.of(Set.copyOf(tables)), Set.copyOf(keysOf), bypasses(statements.get(), engine));
    }

    /** A MySQL-family UPDATE or DELETE that names several tables: a join, USING, or tables listed before SET. */
    private static boolean manyTables(String statement, Engine engine) {
        List<String> words = SqlText.leadingWords(statement, 10_000, engine);
        int set = words.indexOf("SET");
        return words.contains("JOIN") || words.contains("USING")
                || (words.get(0).equals("UPDATE") && words.subList(0, set < 0 ? words.size() : set).contains(","))
                || (words.get(0).equals("DELETE") && words.indexOf("FROM") > 1);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
