package dev.rehearsal.data;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.schema.Table;
import dev.rehearsal.seed.ColumnValues;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.PlantedDefect;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.support.Corpus;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SeedingTest {

    static Stream<Engine> engines() {
        return TestDatabases.engines();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void fills_every_table_with_realistic_rows_that_satisfy_every_constraint(Engine engine) {
        try (Scope scope = rich(engine)) {
            Rehearsal rehearsal = scope.rehearsal();

            SeedReport report = rehearsal.seed(SeedPlan.withSeed(42).rows("orders", 500).rows("order_lines", 800));

            assertThat(report.rowsPerTable()).containsExactly(Map.entry("categories", 100L), Map.entry("customers", 100L),
                    Map.entry("orders", 500L), Map.entry("order_lines", 800L));
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM orders o WHERE NOT EXISTS"
                    + " (SELECT 1 FROM customers c WHERE c.id = o.customer_id)")).isZero();
            assertThat(rehearsal.queryForLong("SELECT count(DISTINCT customer_id) FROM orders"))
                    .as("a few customers own many orders, most have some").isBetween(40L, 99L);
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM categories WHERE parent_id IS NOT NULL")).isPositive();
            assertThat(rehearsal.query("SELECT email FROM customers")).allSatisfy(row ->
                    assertThat((String) row.get("email")).matches("[a-z]+\\.[a-z]+\\.[0-9a-z]+@[a-z0-9.-]+\\.[a-z]+"));
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM orders WHERE quantity < 1 OR quantity > 100")).isZero();
            assertThat(rehearsal.query("SELECT DISTINCT status FROM orders")).extracting(r -> r.get("status").toString())
                    .isSubsetOf("NEW", "PAID", "SHIPPED");
            assertThat(report.toString()).isEqualTo("seed 42 at version 1: categories 100, customers 100, orders 500,"
                    + " order_lines 800");
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void the_same_seed_gives_the_same_rows_and_another_seed_other_rows(Engine engine) {
        List<Map<String, Object>> first = customersAndOrders(engine, 42);
        List<Map<String, Object>> again = customersAndOrders(engine, 42);
        List<Map<String, Object>> other = customersAndOrders(engine, 43);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    private static List<Map<String, Object>> customersAndOrders(Engine engine, long seed) {
        try (Scope scope = rich(engine)) {
            scope.rehearsal().seed(SeedPlan.withSeed(seed).defect(Defect.nulls("customers", "country").count(2)));
            List<Map<String, Object>> rows = new java.util.ArrayList<>(scope.rehearsal().query(
                    "SELECT id, email, name, country, created_at FROM customers ORDER BY id"));
            rows.addAll(scope.rehearsal().query("SELECT id, customer_id, status, total, quantity, tracking FROM orders ORDER BY id"));
            return rows;
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void seeding_again_adds_rows_that_do_not_collide_with_the_first_ones(Engine engine) {
        try (Scope scope = rich(engine)) {
            scope.rehearsal().seed(SeedPlan.withSeed(1).defaultRows(50));
            SeedReport second = scope.rehearsal().seed(SeedPlan.withSeed(1).defaultRows(50));

            assertThat(second.totalRows()).isEqualTo(200);
            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM customers")).isEqualTo(100);
            assertThat(scope.rehearsal().queryForLong("SELECT count(DISTINCT email) FROM customers")).isEqualTo(100);
            assertThat(scope.rehearsal().seeded()).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void orphans_behind_an_existing_foreign_key_are_planted_only_past_the_checks(Engine engine) {
        try (Scope scope = rich(engine)) {
            Defect orphans = Defect.orphans("orders", "customer_id").count(4);

            assertThatThrownBy(() -> scope.rehearsal().seed(SeedPlan.withSeed(3).defect(orphans)))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("The defect \"4 orphans in orders.customer_id\" cannot be planted: orders.customer_id"
                            + " already has a foreign key, which refuses rows without a parent.\nTo fix this, plant them"
                            + " the way legacy data got in, with checks off: add .bypassingConstraints() to the defect.");

            SeedReport report = scope.rehearsal().seed(SeedPlan.withSeed(3).defect(orphans.bypassingConstraints()));

            PlantedDefect planted = report.defects().get(0);
            assertThat(planted.rows()).isEqualTo(4);
            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM orders o WHERE NOT EXISTS"
                    + " (SELECT 1 FROM customers c WHERE c.id = o.customer_id)")).isEqualTo(4);
            assertThat(planted.values()).allSatisfy(v -> assertThat(((Number) v).longValue()).isGreaterThan(1_000_000L));
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void orphans_in_a_smallint_column_stay_inside_its_range(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/small-keys")) {
            scope.rehearsal().migrateToLatest();

            SeedReport report = scope.rehearsal().seed(SeedPlan.withSeed(5).rows("regions", 300).rows("shops", 400)
                    .defect(Defect.orphans("shops", "region_id").referencing("regions").count(6)));

            assertThat(report.defects().get(0).values()).hasSize(6).doesNotHaveDuplicates()
                    .allSatisfy(v -> assertThat(((Number) v).longValue()).isBetween(1L, 32_767L));
            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM shops s WHERE NOT EXISTS"
                    + " (SELECT 1 FROM regions r WHERE r.id = s.region_id)")).isEqualTo(6);
        }
    }

    /**
     * Text orphans must miss every parent as the engine compares text: on the MySQL family a parent keyed
     * {@code MISSING-1 } matches {@code missing-1}, so that value would be no orphan there.
     */
    @ParameterizedTest
    @MethodSource("engines")
    void text_orphans_miss_the_parents_as_the_engine_compares_text(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/text-keys")) {
            scope.rehearsal().migrateToLatest();
            scope.rehearsal().execute("INSERT INTO warehouses VALUES ('MISSING-1 ', 'Ghent')");

            SeedPlan plan = SeedPlan.withSeed(3).rows("warehouses", 20).rows("bins", 50)
                    .defect(Defect.orphans("bins", "warehouse_code").referencing("warehouses").count(1));
            if (engine.isMysqlFamily()) {
                assertThatThrownBy(() -> scope.rehearsal().seed(plan))
                        .isInstanceOf(RehearsalConfigurationException.class)
                        .hasMessageContaining("both fits and is missing from warehouses");
            } else {
                scope.rehearsal().seed(plan);
                assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM bins b WHERE NOT EXISTS"
                        + " (SELECT 1 FROM warehouses w WHERE w.code = b.warehouse_code)")).isEqualTo(1);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void tables_that_reference_each_other_are_filled_by_leaving_the_nullable_side_null(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/cycle")) {
            scope.rehearsal().migrateToLatest();

            SeedReport report = scope.rehearsal().seed(SeedPlan.withSeed(9).rows("departments", 20).rows("employees", 200));

            assertThat(report.rowsPerTable()).containsExactly(Map.entry("departments", 20L), Map.entry("employees", 200L));
            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM departments WHERE manager_id IS NOT NULL"))
                    .isZero();
            assertThat(scope.rehearsal().queryForLong("SELECT count(DISTINCT department_id) FROM employees")).isGreaterThan(5);
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void overrides_give_columns_their_values(Engine engine) {
        try (Scope scope = rich(engine)) {
            scope.rehearsal().seed(SeedPlan.withSeed(5)
                    .override("customers", "country", ColumnValues.oneOf("DE", "FR"))
                    .override("orders", "quantity", ColumnValues.from((row, random) -> (int) (row % 7) + 1))
                    .skip("order_lines"));

            assertThat(scope.rehearsal().query("SELECT DISTINCT country FROM customers ORDER BY country"))
                    .extracting(r -> r.get("country")).containsExactly("DE", "FR");
            assertThat(scope.rehearsal().queryForLong("SELECT max(quantity) FROM orders")).isEqualTo(7);
            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM order_lines")).isZero();
        }
    }

    @Test
    void bad_plans_name_the_table_the_column_and_the_reason() {
        try (Scope scope = rich(Engine.POSTGRESQL)) {
            Rehearsal rehearsal = scope.rehearsal();

            assertThatThrownBy(() -> rehearsal.seed(SeedPlan.withSeed(1).defect(Defect.nulls("ordres", "note"))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("The defect \"1 nulls in ordres.note\" names table 'ordres', which the schema at this"
                            + " version does not have. Tables: categories, customers, order_lines, orders.\nTo fix this,"
                            + " name one of those tables, or seed at the version that creates it.");
            assertThatThrownBy(() -> rehearsal.seed(SeedPlan.withSeed(1).defect(Defect.nulls("orders", "note"))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageStartingWith("The defect \"1 nulls in orders.note\" names column 'note' of table 'orders',"
                            + " which has no such column. Columns: id, customer_id, status,");
            assertThatThrownBy(() -> rehearsal.seed(SeedPlan.withSeed(1).defect(Defect.nulls("customers", "email"))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("The defect \"1 nulls in customers.email\" cannot be planted: customers.email is NOT NULL"
                            + " at this version, so it cannot hold NULLs (bypassing constraints does not change that).\nTo"
                            + " fix this, plant the NULLs at a version where the column is nullable, before the migration"
                            + " that adds NOT NULL.");
            assertThatThrownBy(() -> rehearsal.seed(SeedPlan.withSeed(1).defect(Defect.duplicates("customers", "email"))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("customers already has a unique key on (email), which refuses such duplicates");
            assertThatThrownBy(() -> rehearsal.seed(SeedPlan.withSeed(1).defect(Defect.tooLong("customers", "country", 5))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("customers.country holds at most 2 characters now, so no value longer than 5 fits");
            assertThatThrownBy(() -> rehearsal.seed(SeedPlan.withSeed(1)
                    .override("orders", "quantity", ColumnValues.fixed("many"))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("The override of orders.quantity gives 'many', which is not a whole number (column type"
                            + " int2).\nTo fix this, give values that fit the column.");
            assertThatThrownBy(() -> rehearsal.seed(SeedPlan.withSeed(1)
                    .override("customers", "country", ColumnValues.fixed("Germany"))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("is 7 characters long, more than the column's 2");
            assertThatThrownBy(() -> rehearsal.seed(SeedPlan.withSeed(1).defect(Defect.violating("orders", "quantity > 0"))))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("orders.quantity already has a check that refuses 0.\nTo fix this, plant the"
                            + " violating rows at a version before the check exists.");
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM customers")).as("nothing half-seeded").isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void a_check_the_generator_cannot_satisfy_is_named_with_its_table(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/unsatisfiable")) {
            scope.rehearsal().migrateToLatest();

            assertThatThrownBy(() -> scope.rehearsal().seed(SeedPlan.withSeed(1)))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageStartingWith("Loading the seeded rows of accounts failed on " + engine.displayName() + ": ")
                    .hasMessageContaining("chk_accounts_email_domain")
                    .hasMessageContaining("To fix this, override the columns named there with values that satisfy the"
                            + " constraint (SeedPlan.override(\"accounts\", \"...\", ...)), or SeedPlan.skip(\"accounts\").");
            scope.rehearsal().seed(SeedPlan.withSeed(1)
                    .override("accounts", "email", ColumnValues.from((row, random) -> "user" + row + "@corp.example")));
            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM accounts")).isEqualTo(100);
        }
    }

    @Test
    void every_version_of_the_postgresql_corpus_fills_without_a_constraint_violation() {
        fillEveryVersion(Engine.POSTGRESQL, Corpus.location("conductor-postgres"),
                Corpus.location("conductor-postgres-notify-optional"));
    }

    @Test
    void every_version_of_the_mysql_corpus_fills_without_a_constraint_violation_on_mariadb() {
        fillEveryVersion(Engine.MARIADB, Corpus.location("conductor-mysql"));
    }

    /** At each version, a fresh database migrated to it and filled. */
    private static void fillEveryVersion(Engine engine, String... locations) {
        List<String> versions;
        try (Scope probe = corpus(engine, locations)) {
            versions = probe.rehearsal().pendingVersions();
        }
        for (String version : versions) {
            try (Scope scope = corpus(engine, locations)) {
                Rehearsal rehearsal = scope.rehearsal();
                assertThat(rehearsal.migrateTo(version)).hasSucceeded();
                SeedReport report = rehearsal.seed(SeedPlan.withSeed(11).defaultRows(60));
                assertThat(report.rowsPerTable().keySet()).as("every table at " + version)
                        .containsExactlyInAnyOrderElementsOf(rehearsal.schema().tables().stream().map(Table::name).toList());
                assertThat(report.totalRows()).isEqualTo(60L * report.rowsPerTable().size());
            }
        }
    }

    static Scope corpus(Engine engine, String... locations) {
        return TestDatabases.rehearsalWith(engine, m -> m.withPostgresqlTransactionalLock(false), locations);
    }

    private static Scope rich(Engine engine) {
        Scope scope = TestDatabases.rehearsal(engine, "classpath:db/schema/{family}");
        scope.rehearsal().migrateToLatest();
        return scope;
    }
}
