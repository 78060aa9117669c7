package dev.rehearsal.junit;

import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.seed.DefectKind;
import dev.rehearsal.seed.SeedReport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SeedAnnotationsTest {

    static final Map<String, List<Object>> SEEN = new ConcurrentHashMap<>();

    static void saw(String key, Object value) {
        SEEN.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    @Test
    void a_test_starts_at_the_declared_version_with_the_declared_data_and_defects() {
        KitServers.run(SeededIncident.class, KitServers.configuration(Engine.POSTGRESQL, Engine.MARIADB))
                .testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));

        assertThat(SEEN.get("SeededIncident")).hasSize(2).allSatisfy(report -> assertThat(report.toString())
                .startsWith("seed 42 at version 1: customers 300, orders 900; defects: 4 orphans in orders.customer_id: 4 row(s)"));
    }

    @MigrationRehearsal(engines = {Engine.POSTGRESQL, Engine.MARIADB}, locations = "classpath:db/fk")
    static class SeededIncident {

        @RehearsalTest
        @SeedData(atVersion = "1", seed = 42, rows = {"customers=300", "orders=900"})
        @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 4)
        void orphans_break_the_foreign_key(Rehearsal rehearsal) {
            assertThat(rehearsal.currentVersion()).contains("1");
            SeedReport report = rehearsal.seeded().get(0);
            saw("SeededIncident", report);

            assertThat(rehearsal.migrateToNext()).hasFailed()
                    .isAtStatement(2)
                    .hasError(onPostgresql("23503"), onMariadb(1452))
                    .isDataDependent();
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM orders")).isEqualTo(900);
        }
    }

    @Test
    void a_class_level_seed_applies_to_every_test_and_a_method_level_one_replaces_it() {
        KitServers.run(ClassLevelSeed.class, KitServers.configuration(Engine.POSTGRESQL))
                .testEvents().assertStatistics(stats -> stats.succeeded(2));

        assertThat(SEEN.get("ClassLevelSeed")).containsExactlyInAnyOrder(20L, 5L);
    }

    @MigrationRehearsal(locations = "classpath:db/fk")
    @SeedData(atVersion = "1", defaultRows = 20)
    static class ClassLevelSeed {

        @Test
        void class_seed(Rehearsal rehearsal) {
            saw("ClassLevelSeed", rehearsal.queryForLong("SELECT count(*) FROM customers"));
        }

        @Test
        @SeedData(atVersion = "1", defaultRows = 5)
        void method_seed(Rehearsal rehearsal) {
            saw("ClassLevelSeed", rehearsal.queryForLong("SELECT count(*) FROM customers"));
        }
    }

    @Test
    void malformed_seed_annotations_name_the_attribute_and_the_fix() {
        var events = KitServers.run(BadSeeds.class, KitServers.configuration(Engine.POSTGRESQL)).testEvents();

        events.assertStatistics(stats -> stats.failed(10));
        events.assertThatEvents()
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@PlantDefect(kind = TOO_LONG, table ="
                        + " \"customers\") on " + BadSeeds.class.getName() + ".missing() does not set futureLength.\nTo fix"
                        + " this, give the length the migration narrows the column to, e.g. futureLength = 20.")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@PlantDefect(kind = NULLS, table ="
                        + " \"customers\") on " + BadSeeds.class.getName() + ".stray() sets futureLength, which NULLS does"
                        + " not use.\nTo fix this, remove it.")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@SeedData(rows = \"customers:10\") on "
                        + BadSeeds.class.getName() + ".rows() is not a table=count pair.\nTo fix this, write it like"
                        + " \"orders=8000\".")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@PlantDefect on "
                        + BadSeeds.class.getName() + ".alone() has no @SeedData next to it to plant into.")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@SeedData(rows = \" =10\") on "
                        + BadSeeds.class.getName() + ".blankTable() is not a table=count pair.")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@SeedData(rows) on "
                        + BadSeeds.class.getName() + ".twice() names CUSTOMERS twice: \"customers=10\" and"
                        + " \"CUSTOMERS=20\".\nTo fix this, keep one of them.")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@SeedData on "
                        + BadSeeds.class.getName() + ".seededAndSkipped() both seeds and skips orders: rows ="
                        + " \"orders=10\", skip = \"orders\".")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@PlantDefect(kind = NULLS, table ="
                        + " \"customers\") on " + BadSeeds.class.getName() + ".strayScale() sets futureScale, which NULLS"
                        + " does not use.")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@PlantDefect(kind = NULLS, table ="
                        + " \"customers\") on " + BadSeeds.class.getName() + ".strayBypass() sets bypassConstraints, which"
                        + " NULLS does not use.")))))
                .haveExactly(1, event(finishedWithFailure(message(m -> m.contains("@PlantDefect(kind = INVALID_DATES,"
                        + " table = \"customers\") on " + BadSeeds.class.getName() + ".onlyPlantedFreeText() sets"
                        + " onlyPlantedRows = true, but the realistic rows of customers.email would have to be valid"
                        + " INVALID_DATES values, and the generator cannot tell what valid means for a free-text column.\n"
                        + "To fix this, remove onlyPlantedRows = true, or give the column valid values with"
                        + " rehearsal.seed(SeedPlan.withSeed(...).override(\"customers\", \"email\", ...)) in the test in"
                        + " place of @SeedData.")))));
    }

    @MigrationRehearsal(locations = "classpath:db/fk")
    static class BadSeeds {

        @Test
        @SeedData(atVersion = "1")
        @PlantDefect(kind = DefectKind.TOO_LONG, table = "customers", columns = "email")
        void missing(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1")
        @PlantDefect(kind = DefectKind.NULLS, table = "customers", columns = "email", futureLength = 3)
        void stray(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1", rows = "customers:10")
        void rows(Rehearsal rehearsal) {
        }

        @Test
        @PlantDefect(kind = DefectKind.NULLS, table = "customers", columns = "email")
        void alone(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1", rows = " =10")
        void blankTable(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1", rows = {"customers=10", "CUSTOMERS=20"})
        void twice(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1", rows = "orders=10", skip = "orders")
        void seededAndSkipped(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1")
        @PlantDefect(kind = DefectKind.NULLS, table = "customers", columns = "email", futureScale = 2)
        void strayScale(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1")
        @PlantDefect(kind = DefectKind.NULLS, table = "customers", columns = "email", bypassConstraints = true)
        void strayBypass(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1")
        @PlantDefect(kind = DefectKind.INVALID_DATES, table = "customers", columns = "email", onlyPlantedRows = true)
        void onlyPlantedFreeText(Rehearsal rehearsal) {
        }
    }
}
