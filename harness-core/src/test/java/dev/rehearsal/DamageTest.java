package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The silent variants of the failure catalogue: steps that succeed while damaging data are caught as damage. */
class DamageTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void non_strict_mode_truncates_and_coerces_nulls_with_warnings_only(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/damage/non-strict")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'Grace Hopper', NULL), (2, 'Ada', 'Poet of numbers')");

            StepOutcome v2 = rehearsal.migrateTo("2");

            assertThat(v2).hasSucceededWithDamage(DamageKind.WARNINGS);
            assertThat(v2.damage()).extracting(Damage::table).containsOnly("customers");
            assertThat(v2.damage()).extracting(Damage::description)
                    .anyMatch(d -> d.startsWith("V2__shorter_names_required_bio.sql statement 2 changed data with warning 1265"))
                    .anyMatch(d -> d.startsWith("V2__shorter_names_required_bio.sql statement 3 changed data with warning"));
            assertThat(rehearsal.query("SELECT name, bio FROM customers ORDER BY id")).extracting(r -> r.get("name"), r -> r.get("bio"))
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("Grace", ""),
                            org.assertj.core.groups.Tuple.tuple("Ada", "Poet of numbers"));
            assertThatThrownBy(() -> assertThat(v2).hasSucceeded())
                    .hasMessageStartingWith("Expecting the step to succeed without hiding damage but it hid");
            assertThat(v2).as("a kind named twice is still that kind")
                    .hasSucceededWithDamage(DamageKind.WARNINGS, DamageKind.WARNINGS);
            assertThatThrownBy(() -> assertThat(v2).hasSucceededWithDamage())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("hasSucceededWithDamage(...): name at least one DamageKind");
            assertThatThrownBy(() -> assertThat(v2).hasSucceededWithDamage(DamageKind.ROWS_LOST))
                    .isInstanceOf(AssertionError.class);
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.MYSQL_FAMILY)
    void alter_ignore_drops_the_duplicate_rows_it_meets(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/damage/alter-ignore")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'Ada', NULL), (2, 'Grace', NULL), (3, 'Ada', NULL), (4, 'Ada', NULL)");

            StepOutcome v2 = rehearsal.migrateTo("2");

            assertThat(v2).hasSucceededWithDamage(DamageKind.ROWS_LOST);
            assertThat(v2.damage()).extracting(Damage::toString)
                    .containsExactly("ROWS_LOST customers: 2 row(s) lost (4 -> 2), keys [3, 4]");
        }
    }

    @Test
    void if_not_exists_over_an_invalid_index_succeeds_without_an_index_that_works() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, s -> s.withPostgresqlTransactionalLock(false),
                "classpath:db/damage/pg-base", "classpath:db/damage/pg-cic")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO customers VALUES (1, 'Ada', NULL), (2, 'Ada', NULL)");
            assertThat(rehearsal.migrateTo("2")).hasFailed().hasSqlState("23505")
                    .leftBehind().hasFailedHistoryRow(); // Flyway ran it outside a transaction: it records the failure
            rehearsal.repair();

            StepOutcome rerun = rehearsal.withLocations("classpath:db/damage/pg-base", "classpath:db/damage/pg-cic-rewritten")
                    .migrateTo("2");

            assertThat(rerun).hasSucceededWithDamage(DamageKind.INVALID_INDEX);
            assertThat(rerun.damage()).extracting(Damage::toString).containsExactly("INVALID_INDEX customers: CREATE INDEX"
                    + " IF NOT EXISTS uq_customers_name succeeded by skipping the INVALID index of that name: it is still"
                    + " not used and enforces nothing");
            rehearsal.execute("INSERT INTO customers VALUES (3, 'Ada', NULL)");
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM customers WHERE name = 'Ada'")).isEqualTo(3);
        }
    }

    @Test
    void a_check_added_with_checks_off_succeeds_over_the_rows_it_would_refuse() {
        try (Scope scope = TestDatabases.rehearsal(Engine.MARIADB, "classpath:db/damage/checks-off")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO orders VALUES (1, 5), (2, 0), (3, -1)");

            StepOutcome v2 = rehearsal.migrateTo("2");

            assertThat(v2).hasSucceededWithDamage(DamageKind.CHECK_VIOLATED);
            assertThat(v2.damage()).extracting(Damage::toString).containsExactly("CHECK_VIOLATED orders: 2 row(s) violate"
                    + " check chk_quantity, which the engine accepted without enforcing it on them (checks off, or NOT"
                    + " ENFORCED)");
            assertThat(rehearsal).hasLeftover(LeftoverKind.CHECK_VIOLATED, "chk_quantity");
            assertThatThrownBy(() -> rehearsal.execute("INSERT INTO orders VALUES (4, -5)"))
                    .as("new rows are refused: only the old ones were let through")
                    .hasMessageContaining("4025");

            rehearsal.execute("UPDATE orders SET quantity = 1 WHERE quantity <= 0");
            assertThat(rehearsal).hasNoLeftovers().convergesWithCleanRun();
        }
    }
}
