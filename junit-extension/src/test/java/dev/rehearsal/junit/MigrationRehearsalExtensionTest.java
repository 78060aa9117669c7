package dev.rehearsal.junit;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rehearsal.Engine;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalSettings;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.assertj.core.api.Condition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class MigrationRehearsalExtensionTest {

    /** What fixtures saw, keyed by fixture; fixtures run inside the test kit, in this JVM. */
    static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

    static void saw(String key, String value) {
        SEEN.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(value);
    }

    static List<String> seen(String key) {
        return SEEN.getOrDefault(key, List.of());
    }

    @Test
    void each_test_gets_its_own_fresh_database_and_it_is_dropped_afterwards() {
        EngineExecutionResults results = KitServers.run(TwoTests.class, KitServers.configuration(Engine.POSTGRESQL));

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        List<String> databases = seen("TwoTests");
        assertThat(databases).hasSize(2).doesNotHaveDuplicates().allMatch(name -> name.startsWith("rehearsal_"));
        databases.forEach(name -> assertThat(KitServers.databaseExists(Engine.POSTGRESQL, name)).as(name).isFalse());
    }

    @MigrationRehearsal(locations = "classpath:db/fk")
    static class TwoTests {

        @Test
        void first(Rehearsal rehearsal, @RehearsalDataSource DataSource dataSource) throws SQLException {
            assertThat(rehearsal.migrateToLatest()).hasSucceeded().hasReachedVersion("2");
            assertThat(currentDatabase(dataSource)).isEqualTo(rehearsal.database().databaseName());
            saw("TwoTests", rehearsal.database().databaseName());
        }

        @Test
        void second(Rehearsal rehearsal) {
            assertThat(rehearsal.currentVersion()).isEmpty();
            saw("TwoTests", rehearsal.database().databaseName());
        }
    }

    @Test
    void a_rehearsal_test_runs_once_per_engine_with_the_engine_in_its_display_name() {
        EngineExecutionResults results = KitServers.run(TwoEngines.class,
                KitServers.configuration(Engine.POSTGRESQL, Engine.MARIADB));

        results.testEvents().assertStatistics(stats -> stats.started(2).succeeded(2));
        results.testEvents().succeeded().assertEventsMatchLooselyInOrder(
                event(test(), displayName("fails(Rehearsal) [PostgreSQL]")),
                event(test(), displayName("fails(Rehearsal) [MariaDB]")));
        assertThat(seen("TwoEngines")).containsExactly("POSTGRESQL", "MARIADB");
    }

    @MigrationRehearsal(engines = {Engine.POSTGRESQL, Engine.MARIADB}, locations = "classpath:db/partial/{family}")
    static class TwoEngines {

        @RehearsalTest
        void fails(Rehearsal rehearsal) {
            rehearsal.migrateTo("1");
            assertThat(rehearsal.migrateToNext()).hasFailed().isAtStatement(3).isDataDependent();
            saw("TwoEngines", rehearsal.engine().name());
        }
    }

    @Test
    void before_each_and_the_test_share_one_database() {
        KitServers.run(SharedWithBeforeEach.class, KitServers.configuration(Engine.POSTGRESQL))
                .testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(seen("SharedWithBeforeEach")).hasSize(2).containsOnly(seen("SharedWithBeforeEach").get(0));
    }

    @MigrationRehearsal(locations = "classpath:db/fk")
    static class SharedWithBeforeEach {

        @BeforeEach
        void migrate(Rehearsal rehearsal) {
            rehearsal.migrateTo("1");
            saw("SharedWithBeforeEach", rehearsal.database().databaseName());
        }

        @Test
        void sees_version_1(Rehearsal rehearsal) {
            assertThat(rehearsal.currentVersion()).contains("1");
            saw("SharedWithBeforeEach", rehearsal.database().databaseName());
        }
    }

    @Test
    void a_plain_test_in_a_multi_engine_class_is_told_to_use_rehearsal_test() {
        KitServers.run(PlainTestTwoEngines.class, KitServers.configuration(Engine.POSTGRESQL, Engine.MARIADB))
                .testEvents().assertThatEvents().haveExactly(1, event(test(), finishedWithFailure(
                        instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("plain() in PlainTestTwoEngines runs once, but @MigrationRehearsal on "
                                + PlainTestTwoEngines.class.getName() + " declares 2 engines (PostgreSQL, MariaDB), so it"
                                + " cannot pick one.\nTo fix this, annotate the method with @RehearsalTest instead of @Test"
                                + " to run it once per engine, or declare a single engine.")))));
    }

    @MigrationRehearsal(engines = {Engine.POSTGRESQL, Engine.MARIADB}, locations = "classpath:db/fk")
    static class PlainTestTwoEngines {

        @Test
        void plain(Rehearsal rehearsal) {
            rehearsal.migrateToLatest();
        }
    }

    @Test
    void rehearsal_test_without_migration_rehearsal_is_a_configuration_error() {
        KitServers.run(NoDeclaration.class, Map.of())
                .containerEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                        instanceOf(ExtensionConfigurationException.class),
                        message(m -> m.startsWith("@RehearsalTest on ") && m.endsWith(" needs @MigrationRehearsal on its"
                                + " class (or an enclosing class) to know the engines and migrations.\nTo fix this,"
                                + " annotate NoDeclaration with @MigrationRehearsal.")))));
    }

    static class NoDeclaration {

        @RehearsalTest
        void orphan(Rehearsal rehearsal) {
            rehearsal.migrateToLatest();
        }
    }

    @Test
    void malformed_annotation_values_name_the_attribute_the_value_and_the_fix() {
        Map<String, String> config = KitServers.configuration(Engine.POSTGRESQL, Engine.MARIADB);

        assertFailsWith(ImagesMismatch.class, config, ExtensionConfigurationException.class,
                "@MigrationRehearsal(images = {\"postgres:17\"}) on " + ImagesMismatch.class.getName() + " has 1 image(s) for"
                        + " 2 engine(s) [PostgreSQL, MariaDB].\nTo fix this, give one image per engine, in the order of"
                        + " engines, and \"\" for an engine that keeps its default.");
        assertFailsWith(BadPlaceholder.class, config, ExtensionConfigurationException.class,
                "@MigrationRehearsal(placeholders = \"owner\") on " + BadPlaceholder.class.getName() + " is not a"
                        + " name=value pair.\nTo fix this, write it as name=value, e.g. \"schema_owner=app\".");
        assertFailsWith(NoEngine.class, config, ExtensionConfigurationException.class,
                "@MigrationRehearsal(engines = {}) on " + NoEngine.class.getName() + " names no engine.\nTo fix this,"
                        + " name at least one, e.g. engines = Engine.POSTGRESQL.");
        assertFailsWith(MisspelledFlywayProperty.class, config, RehearsalConfigurationException.class,
                "@MigrationRehearsal on " + MisspelledFlywayProperty.class.getName() + ": Flyway rejects the settings"
                        + " [flyway.outOfOrdr]: ");
        assertFailsWith(BlankSchema.class, config, ExtensionConfigurationException.class,
                "@MigrationRehearsal(schemas = {\"app\", \" \"}) on " + BlankSchema.class.getName() + " names a blank"
                        + " schema.\nTo fix this, remove it, or name the schema, e.g. schemas = \"app\".");
        assertFailsWith(MissingLocation.class, config, RehearsalConfigurationException.class,
                "@MigrationRehearsal on " + MissingLocation.class.getName() + ": migration location"
                        + " \"classpath:db/ordres/{family}\" (for PostgreSQL: classpath:db/ordres/postgresql) does not"
                        + " exist on the classpath.");
    }

    private static void assertFailsWith(Class<?> fixture, Map<String, String> config, Class<? extends Throwable> type,
            String expectedMessage) {
        // a template's error fails its container, a plain test's error the test: look at all events
        KitServers.run(fixture, config).allEvents().assertThatEvents().haveExactly(1, event(finishedWithFailure(
                message(m -> m.contains(expectedMessage)),
                new Condition<Throwable>(thrown -> type.isInstance(thrown) || type.isInstance(thrown.getCause()),
                        "thrown as or caused by " + type.getSimpleName()))));
    }

    @MigrationRehearsal(engines = {Engine.POSTGRESQL, Engine.MARIADB}, images = "postgres:17")
    static class ImagesMismatch {
        @RehearsalTest
        void test(Rehearsal rehearsal) {
        }
    }

    @MigrationRehearsal(placeholders = "owner", locations = "classpath:db/fk")
    static class BadPlaceholder {
        @Test
        void test(Rehearsal rehearsal) {
        }
    }

    @MigrationRehearsal(schemas = {"app", " "}, locations = "classpath:db/fk")
    static class BlankSchema {
        @Test
        void test(Rehearsal rehearsal) {
        }
    }

    @MigrationRehearsal(engines = {})
    static class NoEngine {
        @Test
        void test(Rehearsal rehearsal) {
        }
    }

    @MigrationRehearsal(locations = "classpath:db/fk", flywayProperties = "outOfOrdr=true")
    static class MisspelledFlywayProperty {
        @Test
        void test(Rehearsal rehearsal) {
        }
    }

    @MigrationRehearsal(locations = "classpath:db/ordres/{family}")
    static class MissingLocation {
        @Test
        void test(Rehearsal rehearsal) {
        }
    }

    @Test
    void the_database_of_a_failed_test_is_kept_when_configured_and_its_name_reported() {
        Map<String, String> config = new HashMap<>(KitServers.configuration(Engine.MARIADB));
        config.put(RehearsalSettings.KEEP_FAILED_DATABASES, "true");

        EngineExecutionResults results = KitServers.run(FailsOnPurpose.class, config);

        results.testEvents().assertStatistics(stats -> stats.failed(1).succeeded(1));
        List<String> kept = seen("FailsOnPurpose-failed");
        String passed = seen("FailsOnPurpose-passed").get(0);
        assertThat(kept).hasSize(1);
        try {
            assertThat(KitServers.databaseExists(Engine.MARIADB, kept.get(0))).isTrue();
            assertThat(KitServers.databaseExists(Engine.MARIADB, passed)).isFalse();
            assertThat(results.allEvents().reportingEntryPublished().stream()
                    .flatMap(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
                    .flatMap(entry -> entry.getKeyValuePairs().values().stream()))
                    .singleElement().asString()
                    .startsWith("Rehearsal kept database " + kept.get(0) + " on MariaDB ")
                    .contains(" at jdbc:mysql://");
        } finally {
            KitServers.dropKept(Engine.MARIADB, kept.get(0));
        }
    }

    @Test
    void a_malformed_keep_setting_fails_the_test_but_still_drops_its_database() {
        Map<String, String> config = new HashMap<>(KitServers.configuration(Engine.MARIADB));
        config.put(RehearsalSettings.KEEP_FAILED_DATABASES, "perhaps");

        // JUnit reports the after-each error as suppressed by the test's own failure
        KitServers.run(FailsOnPurpose.class, config).testEvents().assertThatEvents()
                .haveAtLeastOne(event(test(), finishedWithFailure(new Condition<Throwable>(thrown -> Arrays
                        .stream(thrown.getSuppressed()).anyMatch(s -> String.valueOf(s.getMessage())
                                .contains("rehearsal.database.keepOnFailure = 'perhaps' is not a boolean.")),
                        "suppressing the keepOnFailure error"))));

        List<String> databases = seen("FailsOnPurpose-failed");
        assertThat(KitServers.databaseExists(Engine.MARIADB, databases.get(databases.size() - 1))).isFalse();
    }

    @MigrationRehearsal(engines = Engine.MARIADB, locations = "classpath:db/fk")
    static class FailsOnPurpose {

        @Test
        void fails(Rehearsal rehearsal) {
            rehearsal.migrateTo("1");
            saw("FailsOnPurpose-failed", rehearsal.database().databaseName());
            throw new AssertionError("failing on purpose, to keep the database");
        }

        @Test
        void passes(Rehearsal rehearsal) {
            saw("FailsOnPurpose-passed", rehearsal.database().databaseName());
        }
    }

    @Test
    void a_server_that_cannot_be_reached_fails_every_test_that_needs_it_with_the_reason() {
        Map<String, String> config = Map.of(RehearsalSettings.url(Engine.POSTGRESQL), "jdbc:postgresql://127.0.0.1:1/postgres",
                RehearsalSettings.CONNECT_TIMEOUT, "2s");

        KitServers.run(TwoTests.class, config).testEvents().assertThatEvents().haveExactly(2, event(test(),
                finishedWithFailure(message(m -> m.contains("The PostgreSQL server at rehearsal.postgresql.url ="
                        + " 'jdbc:postgresql://127.0.0.1:1/postgres' could not be reached")))));
        assertThat(seen("TwoTests")).as("no test body ran").hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void a_setup_failure_prints_its_reason_once() {
        Map<String, String> config = Map.of(RehearsalSettings.url(Engine.POSTGRESQL), "jdbc:postgresql://127.0.0.1:1/postgres",
                RehearsalSettings.CONNECT_TIMEOUT, "2s");

        List<Throwable> failures = KitServers.run(TwoTests.class, config).testEvents().failed().stream()
                .map(e -> e.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                        .getThrowable().orElseThrow())
                .toList();

        assertThat(failures).hasSize(2).allSatisfy(failure -> {
            java.io.StringWriter trace = new java.io.StringWriter();
            failure.printStackTrace(new java.io.PrintWriter(trace));
            String printed = trace.toString();
            assertThat(printed.split("could not be reached", -1)).as("the reason, in:%n%s", printed).hasSize(2);
            assertThat(printed).doesNotContain("CIRCULAR REFERENCE").doesNotContain("Failed to resolve parameter");
        });
        assertThat(failures.get(0)).as("each test its own exception").isNotSameAs(failures.get(1));
    }

    @Test
    void the_embedded_default_serves_when_nothing_is_configured() {
        // blank values override whatever the build configured, so this always exercises the embedded provider
        Map<String, String> config = Map.of(RehearsalSettings.url(Engine.POSTGRESQL), "",
                RehearsalSettings.image(Engine.POSTGRESQL), "", RehearsalSettings.REPORT_ENABLED, "false");

        KitServers.run(ReportsProvider.class, config).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(seen("ReportsProvider")).containsExactly(ProviderKind.EMBEDDED.name());
    }

    @MigrationRehearsal(locations = "classpath:db/fk")
    static class ReportsProvider {
        @Test
        void provider(Rehearsal rehearsal) {
            assertThat(rehearsal.migrateToLatest()).hasSucceeded();
            saw("ReportsProvider", rehearsal.database().provider().name());
        }
    }

    @Test
    void works_as_a_meta_annotation_and_for_nested_classes() {
        KitServers.run(MetaAnnotated.class, KitServers.configuration(Engine.MARIADB))
                .testEvents().assertStatistics(stats -> stats.succeeded(2));

        assertThat(seen("MetaAnnotated")).containsExactly("MARIADB", "MARIADB");
    }

    @Retention(RetentionPolicy.RUNTIME)
    @MigrationRehearsal(engines = Engine.MARIADB, locations = "classpath:db/fk")
    @interface OrdersOnMariaDb {
    }

    @OrdersOnMariaDb
    static class MetaAnnotated {

        @Test
        void outer(Rehearsal rehearsal) {
            saw("MetaAnnotated", rehearsal.engine().name());
        }

        @Nested
        class Inner {
            @Test
            void inner(Rehearsal rehearsal) {
                saw("MetaAnnotated", rehearsal.engine().name());
            }
        }
    }

    @Test
    void a_rehearsal_cannot_be_injected_into_before_all() {
        KitServers.run(InjectedIntoBeforeAll.class, KitServers.configuration(Engine.POSTGRESQL))
                .containerEvents().assertThatEvents().haveAtLeastOne(event(finishedWithFailure(
                        instanceOf(ParameterResolutionException.class),
                        message(m -> m.contains("No ParameterResolver registered for parameter [dev.rehearsal.Rehearsal")
                                || m.contains("belongs to one test")))));
    }

    @MigrationRehearsal(locations = "classpath:db/fk")
    static class InjectedIntoBeforeAll {
        @BeforeAll
        static void all(Rehearsal rehearsal) {
        }

        @Test
        void test() {
        }
    }

    @Test
    void parallel_execution_gives_every_invocation_its_own_database_and_shares_one_server_per_engine() {
        Map<String, String> config = new HashMap<>(KitServers.configuration(Engine.POSTGRESQL, Engine.MARIADB));
        config.put("junit.jupiter.execution.parallel.enabled", "true");
        config.put("junit.jupiter.execution.parallel.mode.default", "concurrent");
        config.put("junit.jupiter.execution.parallel.config.strategy", "fixed");
        config.put("junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

        KitServers.run(Parallel.class, config).testEvents().assertStatistics(stats -> stats.started(12).succeeded(12));

        List<String> databases = seen("Parallel");
        assertThat(databases).hasSize(12).doesNotHaveDuplicates();
        assertThat(seen("Parallel-servers").stream().distinct()).hasSize(2);
        assertThat(seen("Parallel-threads").stream().distinct().count()).isGreaterThan(1);
    }

    @MigrationRehearsal(engines = {Engine.POSTGRESQL, Engine.MARIADB}, locations = "classpath:db/fk")
    static class Parallel {

        @RehearsalTest
        void a(Rehearsal rehearsal) {
            rehearse(rehearsal);
        }

        @RehearsalTest
        void b(Rehearsal rehearsal) {
            rehearse(rehearsal);
        }

        @RehearsalTest
        void c(Rehearsal rehearsal) {
            rehearse(rehearsal);
        }

        @RehearsalTest
        void d(Rehearsal rehearsal) {
            rehearse(rehearsal);
        }

        @RehearsalTest
        void e(Rehearsal rehearsal) {
            rehearse(rehearsal);
        }

        @RehearsalTest
        void f(Rehearsal rehearsal) {
            rehearse(rehearsal);
        }

        private static void rehearse(Rehearsal rehearsal) {
            rehearsal.migrateTo("1");
            rehearsal.execute("INSERT INTO orders (id, customer_id, total) VALUES (1, 999, 1.00)");
            assertThat(rehearsal.migrateToNext()).hasFailed().isDataDependent();
            saw("Parallel", rehearsal.database().databaseName());
            saw("Parallel-servers", rehearsal.database().describeServer());
            saw("Parallel-threads", Thread.currentThread().getName());
        }
    }

    static String currentDatabase(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); ResultSet rs = connection.createStatement()
                .executeQuery("SELECT current_database()")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
