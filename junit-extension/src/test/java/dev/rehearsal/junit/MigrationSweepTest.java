package dev.rehearsal.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.sweep.Sweep;
import dev.rehearsal.sweep.SweepPolicy;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** The sweep as dynamic tests: a container per engine, a test per migration, failing as the policy says. */
class MigrationSweepTest {

    static class EveryMigration {

        @TestFactory
        Stream<DynamicNode> every_migration() {
            Map<String, String> settings = new HashMap<>();
            TestDatabases.engines().forEach(e -> settings.putAll(TestDatabases.asExistingServer(e)));
            settings.put(RehearsalSettings.REPORT_ENABLED, "false");
            return MigrationSweep.tests(Sweep.of(Migrations.at("classpath:db/fk")).withRowsPerTable(20)
                    .withProgress(line -> { }), SweepPolicy.FAIL_ON_UNSAFE, RehearsalSettings.of(settings),
                    TestDatabases.engines().toArray(Engine[]::new));
        }
    }

    @Test
    void each_migration_is_a_test_and_the_unsafe_one_fails_with_its_verdict() {
        var results = KitServers.run(EveryMigration.class, Map.of());
        var events = results.allEvents();
        long engines = TestDatabases.engines().count();

        events.assertThatEvents()
                .haveExactly((int) engines, event(displayName("V1__customers_and_orders.sql"), finishedSuccessfully()))
                .haveExactly((int) engines, event(displayName("V2__orders_customer_fk.sql"), finishedWithFailure(
                        message(m -> m.contains("V2__orders_customer_fk.sql on ") && m.contains(" fails 1 case(s) under"
                                + " FAIL_ON_UNSAFE:") && m.contains("3 orphans in orders.customer_id (of customers)"
                                + " (planted in orders(id=") && m.contains("failed in V2__orders_customer_fk.sql")))));
        TestDatabases.engines().forEach(engine -> assertThat(results.containerEvents().started().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals(engine.displayName())).count())
                .as(engine + "'s container").isEqualTo(1));
    }
}
