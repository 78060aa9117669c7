package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.support.TestDatabases;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A migrate step's total time is bounded by {@code rehearsal.timeout.step}, whatever each statement's bound is. */
class StepTimeoutTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void a_step_past_its_bound_is_cancelled_and_the_verdict_says_so(Engine engine) {
        Map<String, String> settings = new HashMap<>(TestDatabases.asExistingServer(engine));
        settings.put(RehearsalSettings.STEP_TIMEOUT, "2s");
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        String database;
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(settings)).start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/slow/" + (engine.isMysqlFamily() ? "mysql"
                        : "postgresql")).withClassLoader(StepTimeoutTest.class.getClassLoader()), "step")) {
            database = rehearsal.database().databaseName();
            assertThat(rehearsal.migrateTo("1")).hasSucceeded();

            long start = System.nanoTime();
            StepOutcome v2 = rehearsal.migrateTo("2"); // statement 2 sleeps 20 s, within the 5 min socket timeout
            long took = (System.nanoTime() - start) / 1_000_000;

            assertThat(v2).hasFailed().hasFailureClass(FailureClass.LOCK_TIMEOUT).isAtStatement(2);
            assertThat(v2.failure().orElseThrow().line()).hasValue(2);
            assertThat(v2.failure().orElseThrow().detail()).hasValueSatisfying(d -> assertThat(d)
                    .startsWith("the step ran longer than rehearsal.timeout.step (2000 ms), so the harness cancelled its"
                            + " statement"));
            assertThat(took).as("the bound, not the 20 s sleep").isBetween(1_900L, 12_000L);
            // the session is kept, only its statement cancelled: the harness reads on, and the step after it runs
            assertThat(rehearsal.currentVersion()).hasValue("1");
            if (engine.isMysqlFamily()) {
                assertThat(v2.leftBehind().orElseThrow().stillApplied()).extracting(ExecutedStatement::index)
                        .containsExactly(1);
            } else {
                assertThat(v2.leftBehind().orElseThrow().isAtomic()).isTrue();
            }
        }
        assertThat(TestDatabases.databaseExists(engine, database)).isFalse();
    }

    @Test
    void a_bound_that_is_not_a_duration_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> ServerRequest.of(Engine.POSTGRESQL, RehearsalSettings.of(Map.of(
                RehearsalSettings.STEP_TIMEOUT, "soon"))).start())
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageContaining("rehearsal.timeout.step")
                .hasMessageContaining("soon");
    }
}
