package dev.rehearsal.internal.flyway;

import dev.rehearsal.Engine;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The tables whose rows a migration can change or be refused by, and emptying them: what the sweep needs to carry its
 * realistic rows past a migration that failed on them. The other tables keep their rows, which the migration neither
 * reads as the statement's own table nor changes, so they cannot be why it failed.
 */
public final class TouchedTables {

    private TouchedTables() {
    }

    /**
     * The tables a migration names in its statements (as {@link StepScope} reads them), with every table whose foreign
     * keys lead to one of them, in an order that empties children first.
     *
     * @param connection a connection to the database as it was before the migration
     * @param before its schema then
     * @param statements the migration's statements; empty when it is not SQL the harness can read
     * @return empty when the tables cannot be told: a Java migration, code (a procedure, a trigger the database has or
     *     the migration creates), a statement whose table cannot be read
     */
    public static Optional<List<String>> of(Connection connection, Dialect dialect, Schema before,
            Optional<List<String>> statements) throws SQLException {
        boolean runsCode;
        try (Statement st = connection.createStatement()) {
            runsCode = DamageCheck.runsCode(st, dialect.engine());
        }
        StepScope scope = StepScope.of(statements, before, dialect, runsCode);
        if (scope.tables().isEmpty() || scope.tables().get().isEmpty()) {
            return Optional.empty();
        }
        Set<String> touched = new LinkedHashSet<>(scope.tables().get());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Table table : before.tables()) {
                if (!touched.contains(StepScope.key(table.name())) && table.foreignKeys().stream()
                        .anyMatch(fk -> touched.contains(StepScope.key(fk.referencedTable())))) {
                    touched.add(StepScope.key(table.name()));
                    grew = true;
                }
            }
        }
        List<String> names = new ArrayList<>();
        for (Table table : before.tables()) {
            if (touched.contains(StepScope.key(table.name()))) {
                names.add(table.name());
            }
        }
        return names.size() == touched.size() ? Optional.of(names) : Optional.empty();
    }

    /**
     * Empty the tables, as fresh ones (identities restarted). They hold every table that references one of them, so no
     * row is left pointing at a removed one; on PostgreSQL one {@code TRUNCATE} of all, which refuses to run if that
     * did not hold, on the MySQL family one {@code TRUNCATE} each with the foreign keys not checked in this session.
     */
    public static void empty(Connection connection, Dialect dialect, List<String> tables) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (dialect.engine() == Engine.POSTGRESQL) {
                st.execute("TRUNCATE TABLE " + String.join(", ", tables.stream().map(dialect::quote).toList())
                        + " RESTART IDENTITY");
                return;
            }
            st.execute("SET SESSION foreign_key_checks = 0");
            try {
                for (String table : tables) {
                    st.execute("TRUNCATE TABLE " + dialect.quote(table));
                }
            } finally {
                st.execute("SET SESSION foreign_key_checks = 1");
            }
        }
    }
}
