package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Writers blocked, measured: the harness writes to the table while a step runs and says how long the writes waited.
 * On realistic row counts, PostgreSQL's CREATE INDEX holds writers for its whole build and CREATE INDEX CONCURRENTLY
 * does not; MariaDB's ALTER … ALGORITHM=COPY holds them and ALGORITHM=INPLACE, LOCK=NONE does not. The bounds are
 * relative to each step's own time, not absolute.
 */
class WriterWaitsTest {

    private static WriteWaits during(Rehearsal rehearsal, String version, StepOutcome[] outcome) throws Exception {
        try (RunningWrites writes = rehearsal.startWrites(WriteLoad.on("items").perSecond(100).connections(4))) {
            Thread.sleep(200);
            outcome[0] = rehearsal.migrateTo(version);
            Thread.sleep(200);
            return writes.stop();
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_blocking_build_holds_the_writers_and_an_online_one_lets_them_through(Engine engine) throws Exception {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        Set<String> before = threads();
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/writers/" + (engine.isMysqlFamily()
                        ? "mysql" : "postgresql")).withPostgresqlTransactionalLock(false)
                        .withClassLoader(WriterWaitsTest.class.getClassLoader()), "writers")) {
            assertThat(rehearsal.migrateTo("1")).hasSucceeded();
            StepOutcome[] blockingStep = new StepOutcome[1];
            StepOutcome[] onlineStep = new StepOutcome[1];

            WriteWaits blocking = during(rehearsal, "2", blockingStep);
            WriteWaits online = during(rehearsal, "3", onlineStep);

            assertThat(blockingStep[0]).hasSucceeded();
            assertThat(onlineStep[0]).hasSucceeded();
            System.out.println(engine + " blocking: " + blocking + " over a step of " + blockingStep[0].duration());
            System.out.println(engine + " online:   " + online + " over a step of " + onlineStep[0].duration());
            assertThat(blocking.writes()).isGreaterThan(20);
            assertThat(online.writes()).isGreaterThan(20);
            // held for most of the build, and not a write refused: they waited, then went through
            assertThat(blocking).blocksWritersAtLeast(blockingStep[0].duration().dividedBy(2)).refusedNoWrite();
            assertThat(blocking.longestByTable()).containsOnlyKeys("items");
            // the time the build held the lock the writes waited for, as they saw it: most of the step, not more
            assertThat(blocking.blockedByTable()).containsOnlyKeys("items");
            assertThat(blocking.blockedByTable().get("items")).isBetween(blockingStep[0].duration().dividedBy(2),
                    blockingStep[0].duration().plusMillis(500));
            // beside an online build no write waits for a good part of it (a quarter of a second at least: a busy
            // machine's pauses are not the build's)
            Duration half = onlineStep[0].duration().dividedBy(2);
            assertThat(online).blocksWritersAtMost(half.compareTo(Duration.ofMillis(250)) > 0 ? half : Duration.ofMillis(250))
                    .refusedNoWrite();
            assertThat(online.longest()).isLessThan(blocking.longest());
            assertThat(online.blockedByTable().getOrDefault("items", Duration.ZERO))
                    .isLessThan(blocking.blockedByTable().get("items"));
        }
        assertThat(threads()).as("no thread of the load outlives it").isSubsetOf(before);
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_load_on_a_table_it_cannot_write_is_refused_with_the_fix(Engine engine) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/locks")
                        .withClassLoader(WriterWaitsTest.class.getClassLoader()), "writers")) {
            rehearsal.migrateTo("1");
            assertThatThrownBy(() -> rehearsal.startWrites(WriteLoad.on("order")))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageContaining("has no table 'order'; its tables are [orders]");
            assertThatThrownBy(() -> rehearsal.startWrites(WriteLoad.on("orders")))
                    .isInstanceOf(RehearsalConfigurationException.class)
                    .hasMessageEndingWith("orders has no rows to write.\nTo fix this, seed it first (seed(...) or"
                            + " @SeedData).");
        }
        assertThatThrownBy(() -> WriteLoad.on("orders").perSecond(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WriteLoad.perSecond(0): give 1 to 10000 writes a second.");
    }

    private static Set<String> threads() {
        Set<String> names = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("rehearsal-writes")).forEach(names::add);
        return names;
    }
}
