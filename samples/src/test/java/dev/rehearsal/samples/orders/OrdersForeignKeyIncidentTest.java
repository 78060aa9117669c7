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
import dev.rehearsal.junit.PlantDefect;
import dev.rehearsal.junit.RehearsalTest;
import dev.rehearsal.junit.SeedData;
import dev.rehearsal.seed.DefectKind;
import dev.rehearsal.seed.PlantedDefect;
import dev.rehearsal.snapshot.DataMapping;
import dev.rehearsal.snapshot.DataSnapshot;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The founding incident as a regression test. V3 adds a foreign key from orders to customers; production held
 * orders whose customers had been deleted. The migration failed and the environment was down for days.
 *
 * <p>The lesson, rehearsed here: the failure is found before production, on thousands of realistic rows and a
 * handful of orphans, with its exact location; the fix is a new data migration placed before V3 (V3 is never
 * edited); rolling forward converges, and nothing but the orphans moves.
 */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB}, locations = "classpath:db/migration/{engine}")
class OrdersForeignKeyIncidentTest {

    private static final String FIXED_CHAIN = "classpath:db/fixes";

    @RehearsalTest
    @SeedData(atVersion = "2", seed = 42, rows = {"customers=2000", "orders=8000", "order_lines=20000"})
    @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 5)
    void orphan_orders_break_the_customer_foreign_key(Rehearsal rehearsal) {
        PlantedDefect orphans = rehearsal.seeded().get(0).defects().get(0);

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
            // the whole script rolled back: the database is still at version 2; the engine names one of the orphans
            assertThat(v3).hasFailed().leftBehind().isRolledBackAtomically().isAtVersion("2");
            assertThat(orphans.values()).anySatisfy(customer -> assertThat(v3.failure().orElseThrow().detail().orElseThrow())
                    .isEqualTo("Key (customer_id)=(" + customer + ") is not present in table \"customers\"."));
        } else {
            // each DDL statement committed: the index of statement 1 stays, and the history holds a failed row
            assertThat(v3).hasFailed().leftBehind().hasStillApplied(1).hasFailedHistoryRow().isAtVersion("2");
        }
    }

    @RehearsalTest
    @SeedData(atVersion = "2", seed = 42, rows = {"customers=2000", "orders=8000", "order_lines=20000"})
    @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 5)
    void a_quarantine_migration_before_v3_rolls_forward_and_only_the_orphans_move(Rehearsal rehearsal) {
        PlantedDefect orphans = rehearsal.seeded().get(0).defects().get(0);
        assertThat(rehearsal.migrateToNext()).hasFailed().isInScript("V3__orders_customer_fk.sql");
        DataSnapshot before = rehearsal.snapshotData("customers", "orders", "order_lines");
        String orphanIds = orphans.keys().stream().map(key -> String.valueOf(key.get(0))).collect(Collectors.joining(", "));
        List<Map<String, Object>> orphanOrders = rehearsal.query("SELECT * FROM orders WHERE id IN (" + orphanIds + ") ORDER BY id");
        List<Map<String, Object>> orphanLines = rehearsal.query("SELECT * FROM order_lines WHERE order_id IN (" + orphanIds
                + ") ORDER BY id");

        if (rehearsal.engine() == MARIADB) {
            // as in production: the next deploy is refused until the failed row is repaired away
            assertThat(rehearsal.migrateToLatest()).hasFailed().hasMessageContaining("Detected failed migration to version 3");
            assertThat(rehearsal.repair().removedFailedVersions()).containsExactly("3");
        }
        Rehearsal fixed = rehearsal.withLocations("classpath:db/migration/{engine}", FIXED_CHAIN);
        StepOutcome rollForward = fixed.migrateToLatest();

        assertThat(rollForward).hasSucceeded().hasApplied("2.1", "3", "4").hasReachedVersion("4");
        assertThat(fixed).convergesWithCleanRun().hasNoLeftovers();
        // every other row of every table is untouched, value for value; the orphans and their lines moved, no more
        assertThat(fixed).preservesData(before, DataMapping.unchanged()
                .deletedRows(orphans)
                .deletedRows("order_lines", orphanLines.stream().map(line -> line.get("id")).toList()));
        assertThat(rehearsal.query("SELECT * FROM orphan_orders_quarantine ORDER BY id")).isEqualTo(orphanOrders);
        assertThat(rehearsal.query("SELECT * FROM orphan_order_lines_quarantine ORDER BY id")).isEqualTo(orphanLines);
    }
}
