package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A lock another session holds while the migration runs, described by the test: the step gives up within the lock
 * timeout and names the holder, or, once the lock is let go, succeeds and says how long it waited. Only the rehearsal's
 * own database and the harness's own sessions are involved.
 */
class LockHoldTest {

    private static RehearsalServer server(Engine engine, String lockTimeout) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.LOCK_TIMEOUT, lockTimeout);
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        return ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
    }

    private static Rehearsal open(RehearsalServer server) {
        Rehearsal rehearsal = server.open(Migrations.at("classpath:db/locks")
                .withClassLoader(LockHoldTest.class.getClassLoader()), "locks");
        assertThat(rehearsal.migrateTo("1")).hasSucceeded();
        rehearsal.execute("INSERT INTO orders (id, note) VALUES (1, 'a'), (2, 'b')");
        return rehearsal;
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> enginesAndKinds() {
        return TestDatabases.engines().flatMap(engine -> java.util.Arrays.stream(LockSpec.Kind.values())
                .map(kind -> org.junit.jupiter.params.provider.Arguments.of(engine, kind)));
    }

    private static LockSpec spec(LockSpec.Kind kind) {
        return switch (kind) {
            case READ -> LockSpec.readOf("orders");
            case ROWS -> LockSpec.rowsOf("orders");
            case TABLE -> LockSpec.table("orders");
        };
    }

    @ParameterizedTest
    @MethodSource("enginesAndKinds")
    void a_held_lock_makes_the_step_give_up_within_the_lock_timeout_and_names_the_holder(Engine engine,
            LockSpec.Kind kind) {
        try (RehearsalServer server = server(engine, "1s"); Rehearsal rehearsal = open(server)) {
            StepOutcome v2;
            long took;
            long session;
            try (HeldLock lock = rehearsal.holdLock(spec(kind))) {
                session = lock.session();
                long start = System.nanoTime();
                v2 = rehearsal.migrateTo("2");
                took = (System.nanoTime() - start) / 1_000_000;
                assertThat(lock.released()).isFalse();
            }
            assertThat(v2).hasFailed().hasFailureClass(FailureClass.LOCK_TIMEOUT).isAtStatement(1);
            assertThat(v2.failure().orElseThrow().detail()).hasValueSatisfying(d -> assertThat(d)
                    .contains("sessions holding locks in the database: ")
                    .contains((engine == Engine.POSTGRESQL ? "pid " : "session ") + session + " ("));
            if (engine == Engine.POSTGRESQL) {
                assertThat(v2.failure().orElseThrow().detail().orElseThrow()).contains("application 'rehearsal-held-lock'")
                        .contains(switch (kind) {
                            case READ -> "holds AccessShareLock on orders";
                            case ROWS -> "holds RowShareLock on orders";
                            case TABLE -> "holds AccessExclusiveLock on orders";
                        });
            }
            assertThat(took).as("the 1 s lock timeout, not forever").isLessThan(10_000);
            // let go: the same step now runs (on the MySQL family once the failed history row is repaired)
            if (engine.isMysqlFamily()) {
                rehearsal.repair();
            }
            assertThat(rehearsal.migrateTo("2")).hasSucceeded();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_lock_let_go_in_time_lets_the_step_succeed_and_says_how_long_it_waited(Engine engine) {
        try (RehearsalServer server = server(engine, "20s"); Rehearsal rehearsal = open(server)) {
            HeldLock held;
            StepOutcome v2;
            long took;
            try (HeldLock lock = rehearsal.holdLock(LockSpec.table("orders").releasedAfter(Duration.ofMillis(1500)))) {
                held = lock;
                long start = System.nanoTime();
                v2 = rehearsal.migrateTo("2"); // the harness's census before the step waits too, then the step
                took = (System.nanoTime() - start) / 1_000_000;
                assertThat(lock.released()).isTrue();
                assertThat(lock.waited()).as(lock.describe()).isBetween(Duration.ofMillis(800), Duration.ofMillis(10_000));
                assertThat(lock.describe()).startsWith("a lock of the whole table orders, released after 1500 ms,"
                        + " session ");
            }
            assertThat(v2).hasSucceeded();
            assertThat(took).isGreaterThanOrEqualTo(held.waited().toMillis());
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_lock_on_a_table_that_is_not_there_is_refused_naming_the_tables_that_are(Engine engine) {
        try (RehearsalServer server = server(engine, "1s"); Rehearsal rehearsal = open(server)) {
            assertThatThrownBy(() -> rehearsal.holdLock(LockSpec.table("order")))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessage("holdLock(a lock of the whole table order): the rehearsal's database has no table"
                            + " 'order'; its tables are [orders].\nTo fix this, name one of them, or migrate to the"
                            + " version that creates it first.");
        }
        assertThatThrownBy(() -> LockSpec.readOf("orders").releasedAfter(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("LockSpec.releasedAfter(PT0S):");
    }

    @ParameterizedTest
    @EnumSource(LockSpec.Kind.class)
    void a_lock_describes_itself(LockSpec.Kind kind) {
        assertThat(spec(kind).toString()).endsWith("orders");
    }
}
