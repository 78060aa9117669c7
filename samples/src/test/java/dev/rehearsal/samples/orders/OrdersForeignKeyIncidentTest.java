package dev.rehearsal.samples.orders;

import static dev.rehearsal.Engine.MARIADB;
import static dev.rehearsal.Engine.POSTGRESQL;
import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.junit.MigrationRehearsal;
import dev.rehearsal.junit.RehearsalTest;
import java.util.List;
import java.util.Map;

/**
 * The founding incident as a regression test. V3 adds a foreign key from orders to customers; production held
 * orders whose customers had been deleted. The migration failed and the environment was down for days.
 *
 * <p>The lesson, rehearsed here: the failure is found before production, with its exact location; the fix is a
 * new data migration placed before V3 (V3 is never edited); rolling forward converges, and nothing but the orphans
 * moves.
 */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB}, locations = "classpath:db/migration/{engine}")
class OrdersForeignKeyIncidentTest {

    private static final String FIXED_CHAIN = "classpath:db/fixes";

    @RehearsalTest
    void orphan_orders_break_the_customer_foreign_key(Rehearsal rehearsal) {
        rehearsal.migrateTo("2");
        rehearsal.executeScript("classpath:seed/orders_with_orphans.sql");

        StepOutcome v3 = rehearsal.migrateToNext();

        assertThat(v3).hasFailed()
                .isInScript("V3__orders_customer_fk.sql")
                .isAtStatement(2)
                .isAtLine(5)
                .hasError(onPostgresql("23503"), onMariadb(1452))
                .isDataDependent()
                .hasConstraint("fk_orders_customer")
                .hasTable("orders")
                .hasColumn("customer_id");
        if (rehearsal.engine() == POSTGRESQL) {
            // the whole script rolled back: the database is still at version 2, the index is not there
            assertThat(v3).hasFailed().leftBehind().isRolledBackAtomically().isAtVersion("2");
            assertThat(v3.failure().orElseThrow().detail().orElseThrow()).matches(
                    "Key \\(customer_id\\)=\\((9001|9002)\\) is not present in table \"customers\"\\.");
        } else {
            // each DDL statement committed: the index of statement 1 stays, and the history holds a failed row
            assertThat(v3).hasFailed().leftBehind().hasStillApplied(1).hasFailedHistoryRow().isAtVersion("2");
        }
    }

    @RehearsalTest
    void a_quarantine_migration_before_v3_rolls_forward_and_only_the_orphans_move(Rehearsal rehearsal) {
        rehearsal.migrateTo("2");
        rehearsal.executeScript("classpath:seed/orders_with_orphans.sql");
        assertThat(rehearsal.migrateToNext()).hasFailed().isInScript("V3__orders_customer_fk.sql");
        List<Map<String, Object>> customersBefore = rehearsal.query("SELECT * FROM customers ORDER BY id");
        List<Map<String, Object>> ordersBefore = rehearsal.query("SELECT * FROM orders ORDER BY id");
        List<Map<String, Object>> linesBefore = rehearsal.query("SELECT * FROM order_lines ORDER BY id");

        if (rehearsal.engine() == MARIADB) {
            // as in production: the next deploy is refused until the failed row is repaired away
            assertThat(rehearsal.migrateToLatest()).hasFailed().hasMessageContaining("Detected failed migration to version 3");
            assertThat(rehearsal.repair().removedFailedVersions()).containsExactly("3");
        }
        StepOutcome rollForward = rehearsal.withLocations("classpath:db/migration/{engine}", FIXED_CHAIN).migrateToLatest();

        assertThat(rollForward).hasSucceeded().hasApplied("2.1", "3", "4").hasReachedVersion("4");
        assertThat(rehearsal.query("SELECT * FROM customers ORDER BY id")).isEqualTo(customersBefore);
        assertThat(rehearsal.query("SELECT * FROM orders ORDER BY id"))
                .isEqualTo(ordersBefore.stream().filter(o -> !isOrphan(o)).toList());
        assertThat(rehearsal.query("SELECT * FROM orphan_orders_quarantine ORDER BY id"))
                .isEqualTo(ordersBefore.stream().filter(OrdersForeignKeyIncidentTest::isOrphan).toList());
        assertThat(rehearsal.query("SELECT * FROM order_lines ORDER BY id"))
                .isEqualTo(linesBefore.stream().filter(l -> !isOrphanOrder(l.get("order_id"))).toList());
        assertThat(rehearsal.queryForLong("SELECT count(*) FROM orphan_order_lines_quarantine")).isEqualTo(3);
    }

    private static boolean isOrphan(Map<String, Object> order) {
        long customer = ((Number) order.get("customer_id")).longValue();
        return customer == 9001 || customer == 9002;
    }

    private static boolean isOrphanOrder(Object orderId) {
        long id = ((Number) orderId).longValue();
        return id >= 106 && id <= 108;
    }
}
