package dev.rehearsal.internal.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Which tables a step can change rows of, read from its statements, as each engine reads them. */
class StepScopeTest {

    private static Schema shop(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/scope/base")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            return rehearsal.schema();
        }
    }

    private static StepScope scope(Engine engine, Schema schema, String... statements) {
        return StepScope.of(Optional.of(List.of(statements)), schema, Dialect.of(engine), false);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_step_covers_the_tables_its_statements_name_and_those_a_delete_cascades_into(Engine engine) {
        Schema shop = shop(engine);

        assertThat(scope(engine, shop, "ALTER TABLE audit ADD COLUMN at VARCHAR(20)").tables()).hasValue(Set.of("audit"));
        assertThat(scope(engine, shop, "UPDATE orders SET customer_id = 1", "SET @x = 1").tables())
                .hasValue(Set.of("orders", "order_lines"));
        assertThat(scope(engine, shop, "DELETE FROM customers WHERE id = 2").tables())
                .hasValue(Set.of("customers", "orders", "order_lines"));
        assertThat(scope(engine, shop, "CREATE TABLE notes (id INT PRIMARY KEY)", "INSERT INTO audit VALUES (3, 'x')",
                "CREATE INDEX ix_audit_note ON audit (note)").tables()).hasValue(Set.of("audit"));
        assertThat(scope(engine, shop, "CREATE TABLE notes (id INT PRIMARY KEY)").tables()).hasValue(Set.of());
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_step_whose_statements_run_code_or_reach_rows_through_a_view_covers_every_table(Engine engine) {
        Schema shop = shop(engine);

        assertThat(scope(engine, shop, "SELECT forget_everything()").tables()).isEmpty();
        assertThat(scope(engine, shop, "CREATE TRIGGER t AFTER UPDATE ON customers FOR EACH ROW DELETE FROM audit")
                .tables()).isEmpty();
        assertThat(scope(engine, shop, "UPDATE customer_emails SET email = 'x'").tables()).isEmpty();
        assertThat(StepScope.of(Optional.empty(), shop, Dialect.of(engine), false).tables()).as("a Java migration")
                .isEmpty();
        assertThat(StepScope.of(Optional.of(List.of("ALTER TABLE audit ADD COLUMN at INT")), shop, Dialect.of(engine),
                true).tables()).as("triggers in the database").isEmpty();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void the_mysql_family_lists_the_keys_an_alter_ignore_drops_and_reads_joins_as_every_table(Engine engine) {
        Schema shop = shop(engine);

        StepScope ignore = scope(engine, shop, "ALTER IGNORE TABLE customers ADD UNIQUE (email)");
        assertThat(ignore.tables()).hasValue(Set.of("customers", "orders", "order_lines"));
        assertThat(ignore.keysOf()).containsExactly("customers");
        assertThat(scope(engine, shop, "UPDATE orders o JOIN customers c ON c.id = o.customer_id SET c.email = NULL")
                .tables()).isEmpty();
        assertThat(scope(engine, shop, "DELETE o, l FROM orders o JOIN order_lines l ON l.order_id = o.id").tables())
                .isEmpty();
        assertThat(scope(engine, shop, "PREPARE stmt FROM @sqlstmt", "EXECUTE stmt").tables()).isEmpty();
        assertThat(scope(engine, shop, "CREATE DEFINER=CURRENT_USER TRIGGER t AFTER UPDATE ON customers FOR EACH ROW"
                + " DELETE FROM audit").tables()).as("a trigger with its definer").isEmpty();
        assertThat(StepScope.bypasses(List.of("SET @@session.foreign_key_checks = 0"), engine)).isTrue();
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_column_named_like_code_does_not_make_a_table_code(Engine engine) {
        Schema shop = shop(engine);

        assertThat(scope(engine, shop, "CREATE TABLE notes (id INT PRIMARY KEY, event VARCHAR(20), rule INT)",
                "INSERT INTO audit VALUES (3, 'x')").tables()).hasValue(Set.of("audit"));
        assertThat(StepScope.bypasses(List.of("ALTER TABLE audit ADD COLUMN at INT"), engine)).isFalse();
        assertThat(StepScope.bypasses(List.of("ALTER TABLE orders ADD CONSTRAINT fk FOREIGN KEY (customer_id)"
                + " REFERENCES customers (id) NOT VALID"), engine)).isTrue();
    }

    @org.junit.jupiter.api.Test
    void sql_callbacks_in_the_locations_are_seen(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws Exception {
        java.nio.file.Files.writeString(folder.resolve("V1__notes.sql"), "CREATE TABLE notes (id INT PRIMARY KEY);");
        MigrationSettings settings = MigrationSettings.defaults(StepScopeTest.class.getClassLoader(), "test")
                .withLocations(List.of("filesystem:" + folder), "test");
        assertThat(LocationFiles.holdCallbacks(settings, Engine.POSTGRESQL)).isFalse();

        java.nio.file.Files.writeString(folder.resolve("afterMigrate__forget_cache.sql"), "DELETE FROM cache_entries;");
        assertThat(LocationFiles.holdCallbacks(settings, Engine.POSTGRESQL)).isTrue();
    }
}
