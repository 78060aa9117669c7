package dev.rehearsal.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What data holds in practice though the schema does not say so: a nullable column the application always fills, a
 * NULL rate of one's own, values that never repeat.
 */
class InPracticeHintsTest {

    private static Scope atVersion1(Engine engine) {
        Scope scope = TestDatabases.rehearsal(engine, "classpath:db/derive/common");
        scope.rehearsal().migrateTo("1");
        return scope;
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void required_in_practice_null_rates_and_unique_in_practice_hold_in_the_realistic_rows(Engine engine) {
        try (Scope plain = atVersion1(engine); Scope hinted = atVersion1(engine)) {
            plain.rehearsal().seed(SeedPlan.withSeed(5).defaultRows(300));
            assertThat(nulls(plain.rehearsal(), "note")).as("a note is NULL now and then").isPositive();

            Rehearsal rehearsal = hinted.rehearsal();
            rehearsal.seed(SeedPlan.withSeed(5).defaultRows(300)
                    .requiredInPractice("ORDERS", "Note")
                    .nullRate("orders", "placed_on", 1)
                    .uniqueInPractice("customers", "email"));
            assertThat(nulls(rehearsal, "note")).isZero();
            assertThat(nulls(rehearsal, "placed_on")).isEqualTo(300);
            assertThat(rehearsal.queryForLong("SELECT count(DISTINCT email) FROM customers"))
                    .isEqualTo(rehearsal.queryForLong("SELECT count(email) FROM customers"));
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_hint_naming_no_column_or_a_rate_out_of_range_is_refused(Engine engine) {
        try (Scope scope = atVersion1(engine)) {
            assertThatThrownBy(() -> scope.rehearsal().seed(SeedPlan.withSeed(1).requiredInPractice("orders", "nte")))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageStartingWith("the NULL rate (or required in practice) of orders.nte names column 'nte' of"
                            + " table 'orders', which has no such column. Columns: id, customer_id,");
            assertThatThrownBy(() -> scope.rehearsal().seed(SeedPlan.withSeed(1).uniqueInPractice("invoices", "number")))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("names table 'invoices', which the schema at this version does not have.");
        }
        assertThatThrownBy(() -> SeedPlan.withSeed(1).nullRate("orders", "note", 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nullRate(\"orders\", \"note\", 1.5): a rate is a share of the rows.\nTo fix this, give a value"
                        + " from 0 (never NULL) to 1 (always NULL).");
        assertThatThrownBy(() -> SeedPlan.withSeed(1).uniqueInPractice("profiles"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("uniqueInPractice(\"profiles\"): no"
                        + " column is given.");
    }

    private static long nulls(Rehearsal rehearsal, String column) {
        return rehearsal.queryForLong("SELECT count(*) FROM orders WHERE " + column + " IS NULL");
    }
}
