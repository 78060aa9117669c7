package dev.rehearsal.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Defect.onlyPlantedRows()}: realistic rows hold the same kinds of inconsistency on their own (NULLs in a
 * nullable column, repeats where nothing is unique, long strings in a wide column); with it, the planted rows are
 * the only defective ones, so a test can prove that exactly they break a migration.
 */
class OnlyPlantedRowsTest {

    private static final String LOCATION = "classpath:db/only-planted";

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void realistic_rows_hold_the_defects_on_their_own_by_default(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, LOCATION)) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateToLatest();
            rehearsal.seed(SeedPlan.withSeed(7).rows("customers", 150).rows("orders", 300)
                    .defect(Defect.nulls("orders", "note").count(2))
                    .defect(Defect.tooLong("customers", "name", 12).count(3)));

            assertThat(rehearsal.queryForLong("SELECT count(*) FROM orders WHERE note IS NULL"))
                    .as("realistic NULLs beside the 2 planted").isGreaterThan(2);
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM customers WHERE char_length(name) > 12"))
                    .as("realistic long names beside the 3 planted").isGreaterThan(3);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void with_only_planted_rows_the_planted_rows_are_the_only_defective_ones(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, LOCATION)) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateToLatest();
            rehearsal.seed(SeedPlan.withSeed(7).rows("customers", 150).rows("orders", 300)
                    .defect(Defect.nulls("orders", "note").count(2).onlyPlantedRows())
                    .defect(Defect.nulls("orders", "customer_id").count(3).onlyPlantedRows())
                    .defect(Defect.nulls("customers", "email").count(4).onlyPlantedRows())
                    .defect(Defect.duplicates("customers", "country").count(2).onlyPlantedRows())
                    .defect(Defect.caseDuplicates("customers", "name").count(2).onlyPlantedRows())
                    .defect(Defect.tooLong("customers", "name", 12).count(3).onlyPlantedRows())
                    .defect(Defect.outsideLabels("customers", "status", "ACTIVE", "CLOSED").count(2).onlyPlantedRows())
                    .defect(Defect.violating("customers", "score > 0").count(2).onlyPlantedRows())
                    .defect(Defect.outOfRange("customers", "balance", 5, 2).count(2).onlyPlantedRows()));

            assertThat(count(rehearsal, "orders WHERE note IS NULL")).isEqualTo(2);
            assertThat(count(rehearsal, "orders WHERE customer_id IS NULL")).isEqualTo(3);
            assertThat(count(rehearsal, "customers WHERE email IS NULL")).isEqualTo(4);
            assertThat(rehearsal.queryForLong("SELECT count(country) - count(DISTINCT country) FROM customers"))
                    .as("rows repeating a country (NULLs repeat nothing)").isEqualTo(2);
            assertThat(count(rehearsal, "customers") - rehearsal.queryForLong("SELECT count(DISTINCT lower(name)) FROM customers"))
                    .as("rows repeating a name but for case").isEqualTo(2);
            assertThat(count(rehearsal, "customers WHERE char_length(name) > 12")).isEqualTo(3);
            assertThat(count(rehearsal, "customers WHERE status NOT IN ('ACTIVE', 'CLOSED')")).isEqualTo(2);
            assertThat(count(rehearsal, "customers WHERE score <= 0")).isEqualTo(2);
            assertThat(count(rehearsal, "customers WHERE abs(balance) >= 1000")).isEqualTo(2);
        }
    }

    private static long count(Rehearsal rehearsal, String from) {
        return rehearsal.queryForLong("SELECT count(*) FROM " + from);
    }
}
