package dev.rehearsal.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.seed.DefectKind;
import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * Messages in the terms the user wrote: an annotation's user reads its attributes, not the fluent methods behind
 * them; a parameter we do not inject names the ones we do. And {@code onlyPlantedRows} as an attribute.
 */
class AnnotationTermsTest {

    static final Map<String, Long> COUNTS = new ConcurrentHashMap<>();

    @Test
    void seed_errors_name_the_annotation_attributes_the_user_wrote() {
        var events = KitServers.run(Misworded.class, KitServers.configuration(Engine.POSTGRESQL)).testEvents();

        events.assertStatistics(stats -> stats.failed(3));
        String where = Misworded.class.getName();
        events.assertThatEvents()
                .haveExactly(1, event(test("misspeltTable"), finishedWithFailure(message(m -> m.startsWith(
                        "@SeedData(rows = \"custmers=10\") on " + where + ".misspeltTable() names table 'custmers', which"
                                + " the schema at this version does not have.")))))
                .haveExactly(1, event(test("orphansUnderAForeignKey"), finishedWithFailure(message(m -> m.equals(
                        "@PlantDefect(kind = ORPHANS, table = \"orders\") on " + where + ".orphansUnderAForeignKey()"
                                + " cannot be planted: orders.customer_id already has a foreign key, which refuses rows"
                                + " without a parent.\nTo fix this, plant them the way legacy data got in, with checks"
                                + " off: add bypassConstraints = true to the defect.")))))
                .haveExactly(1, event(test("tooFewRows"), finishedWithFailure(message(m -> m.contains(
                        "To fix this, give the table rows with @SeedData(rows = \"orders=n\").")))));
        assertThat(events.failed().stream().map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class)
                .flatMap(org.junit.platform.engine.TestExecutionResult::getThrowable).map(Throwable::getMessage).orElse("")))
                .noneMatch(m -> m.contains("SeedPlan.") || m.contains(".bypassingConstraints()"));
    }

    @MigrationRehearsal(locations = "classpath:db/only-planted")
    static class Misworded {

        @Test
        @SeedData(atVersion = "1", rows = "custmers=10")
        void misspeltTable(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1")
        @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 2)
        void orphansUnderAForeignKey(Rehearsal rehearsal) {
        }

        @Test
        @SeedData(atVersion = "1", rows = "orders=0")
        @PlantDefect(kind = DefectKind.NULLS, table = "orders", columns = "note")
        void tooFewRows(Rehearsal rehearsal) {
        }
    }

    @Test
    void only_planted_rows_makes_the_planted_nulls_the_only_ones() {
        KitServers.run(PlantedNulls.class, KitServers.configuration(Engine.POSTGRESQL, Engine.MARIADB))
                .testEvents().assertStatistics(stats -> stats.started(4).succeeded(4));

        assertThat(COUNTS).containsEntry("only:" + Engine.POSTGRESQL, 2L).containsEntry("only:" + Engine.MARIADB, 2L);
        assertThat(COUNTS.get("realistic:" + Engine.POSTGRESQL)).as("realistic NULLs beside the planted ones").isGreaterThan(2);
        assertThat(COUNTS.get("realistic:" + Engine.MARIADB)).as("realistic NULLs beside the planted ones").isGreaterThan(2);
    }

    @MigrationRehearsal(engines = {Engine.POSTGRESQL, Engine.MARIADB}, locations = "classpath:db/only-planted")
    static class PlantedNulls {

        @RehearsalTest
        @SeedData(atVersion = "1", rows = {"customers=50", "orders=300"})
        @PlantDefect(kind = DefectKind.NULLS, table = "orders", columns = "note", count = 2, onlyPlantedRows = true)
        void only(Rehearsal rehearsal) {
            COUNTS.put("only:" + rehearsal.engine(), rehearsal.queryForLong("SELECT count(*) FROM orders WHERE note IS NULL"));
        }

        @RehearsalTest
        @SeedData(atVersion = "1", rows = {"customers=50", "orders=300"})
        @PlantDefect(kind = DefectKind.NULLS, table = "orders", columns = "note", count = 2)
        void realistic(Rehearsal rehearsal) {
            COUNTS.put("realistic:" + rehearsal.engine(), rehearsal.queryForLong("SELECT count(*) FROM orders WHERE note IS NULL"));
        }
    }

    @Test
    void a_parameter_we_do_not_inject_names_the_ones_we_do() {
        var events = KitServers.run(WrongParameter.class, KitServers.configuration(Engine.POSTGRESQL)).testEvents();

        events.assertStatistics(stats -> stats.failed(1));
        events.assertThatEvents().haveExactly(1, event(test("connection"), finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message(m -> m.startsWith("@MigrationRehearsal cannot inject a java.sql.Connection into connection(): it"
                        + " injects a dev.rehearsal.Rehearsal or a javax.sql.DataSource of the test's database marked"
                        + " @RehearsalDataSource.")
                        && m.endsWith("\nTo fix this, declare the parameter as Rehearsal, or as @RehearsalDataSource"
                                + " DataSource.")))));
    }

    @MigrationRehearsal(locations = "classpath:db/only-planted")
    static class WrongParameter {

        @Test
        void connection(Connection connection) {
        }
    }

    @Test
    void an_unmarked_data_source_is_left_to_another_extension_and_a_marked_one_is_the_rehearsals() {
        var events = KitServers.run(NextToAnotherDataSource.class, KitServers.configuration(Engine.POSTGRESQL)).testEvents();

        events.assertStatistics(stats -> stats.succeeded(1).failed(1));
        events.assertThatEvents().haveExactly(1, event(test("notADataSource"), finishedWithFailure(
                instanceOf(ParameterResolutionException.class),
                message("@RehearsalDataSource marks a java.lang.String parameter of notADataSource(), which is no"
                        + " DataSource.\nTo fix this, declare it as javax.sql.DataSource, or remove @RehearsalDataSource."))));
    }

    /** Stands for Spring's resolver: an application's data source, a real driver's, never connected. */
    static final class ApplicationDataSource implements org.junit.jupiter.api.extension.ParameterResolver {

        static final org.postgresql.ds.PGSimpleDataSource APPLICATION = new org.postgresql.ds.PGSimpleDataSource();

        @Override
        public boolean supportsParameter(org.junit.jupiter.api.extension.ParameterContext parameter,
                org.junit.jupiter.api.extension.ExtensionContext context) {
            return parameter.getParameter().getType() == javax.sql.DataSource.class
                    && !parameter.isAnnotated(RehearsalDataSource.class);
        }

        @Override
        public Object resolveParameter(org.junit.jupiter.api.extension.ParameterContext parameter,
                org.junit.jupiter.api.extension.ExtensionContext context) {
            return APPLICATION;
        }
    }

    @MigrationRehearsal(locations = "classpath:db/only-planted")
    @org.junit.jupiter.api.extension.ExtendWith(ApplicationDataSource.class)
    static class NextToAnotherDataSource {

        @Test
        void both(Rehearsal rehearsal, javax.sql.DataSource application, @RehearsalDataSource javax.sql.DataSource ours) {
            assertThat(application).isSameAs(ApplicationDataSource.APPLICATION);
            assertThat(ours).isSameAs(rehearsal.dataSource());
        }

        @Test
        void notADataSource(@RehearsalDataSource String name) {
        }
    }
}
