package dev.rehearsal.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the sweep carries on from after a migration failed on the rows: the same database, with the tables the migration
 * names and those that reference them emptied, the other tables' rows kept; nothing emptied when a statement of the
 * migration stayed in effect.
 */
class EmptyTouchedTablesTest {

    private static String family(Engine engine) {
        return engine.isMysqlFamily() ? "mysql" : "postgresql";
    }

    private static Schema withRows(Rehearsal rehearsal) {
        assertThat(rehearsal.migrateTo("1").succeeded()).isTrue();
        rehearsal.execute("INSERT INTO customers (id, name, nickname) VALUES (1, 'Ada', NULL), (2, 'Bob', 'b')");
        rehearsal.execute("INSERT INTO orders (id, customer_id, total) VALUES (10, 1, 5.00), (11, 2, 7.50)");
        rehearsal.execute("INSERT INTO products (id, sku) VALUES (100, 'A-1'), (101, 'A-2'), (102, 'A-3')");
        return rehearsal.schema();
    }

    private static List<Long> counts(Rehearsal rehearsal) {
        return List.of(rehearsal.queryForLong("SELECT COUNT(*) FROM customers"),
                rehearsal.queryForLong("SELECT COUNT(*) FROM orders"),
                rehearsal.queryForLong("SELECT COUNT(*) FROM products"));
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void the_tables_a_failed_migration_names_are_emptied_with_those_referencing_them_and_the_others_keep_their_rows(
            Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/carry/common",
                "classpath:db/carry/" + family(engine))) {
            DefaultRehearsal rehearsal = (DefaultRehearsal) scope.rehearsal();
            Schema before = withRows(rehearsal);
            assertThat(rehearsal.migrateTo("2").failed()).as("a NULL nickname").isTrue();

            Optional<List<String>> emptied = rehearsal.emptyTablesTouchedBy(Optional.of("1"), before,
                    rehearsal.statementsOf("2"));

            assertThat(emptied).hasValue(List.of("customers", "orders"));
            assertThat(counts(rehearsal)).containsExactly(0L, 0L, 3L);
            assertThat(rehearsal.currentVersion()).as("the failed history row is gone").hasValue("1");
            assertThat(rehearsal.migrateTo("2").succeeded()).isTrue();
            // identities restart, as in a fresh table
            rehearsal.execute("INSERT INTO customers (id, name, nickname) VALUES (1, 'Ada', 'a')");
            assertThat(rehearsal.queryForLong("SELECT COUNT(*) FROM customers")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void nothing_is_emptied_when_a_statement_of_the_failed_migration_stayed_in_effect(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/carry/common",
                "classpath:db/carry/partial-" + family(engine))) {
            DefaultRehearsal rehearsal = (DefaultRehearsal) scope.rehearsal();
            Schema before = withRows(rehearsal);
            assertThat(rehearsal.migrateTo("2").failed()).isTrue();

            Optional<List<String>> emptied = rehearsal.emptyTablesTouchedBy(Optional.of("1"), before,
                    rehearsal.statementsOf("2"));

            if (engine.isMysqlFamily()) {
                // products.sku_note was added and committed before the second statement failed
                assertThat(emptied).isEmpty();
                assertThat(counts(rehearsal)).containsExactly(2L, 2L, 3L);
            } else {
                // PostgreSQL rolled both statements back: the database is as it was, so the three tables are emptied
                assertThat(emptied).hasValue(List.of("customers", "orders", "products"));
                assertThat(counts(rehearsal)).containsExactly(0L, 0L, 0L);
            }
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void nothing_is_emptied_when_the_tables_cannot_be_told_from_the_statements(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/carry/common",
                "classpath:db/carry/" + family(engine))) {
            DefaultRehearsal rehearsal = (DefaultRehearsal) scope.rehearsal();
            Schema before = withRows(rehearsal);
            assertThat(rehearsal.migrateTo("2").failed()).isTrue();

            assertThat(rehearsal.emptyTablesTouchedBy(Optional.of("1"), before, Optional.empty())).as("a Java migration")
                    .isEmpty();
            assertThat(rehearsal.emptyTablesTouchedBy(Optional.of("1"), before, Optional.of(List.of("CALL fix_all()"))))
                    .as("a procedure").isEmpty();
            assertThat(counts(rehearsal)).containsExactly(2L, 2L, 3L);
        }
    }
}
