package dev.rehearsal;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.support.Corpus;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Real public Flyway histories nobody here wrote: they must migrate cleanly, and the known trap of one of them
 * must end in a verdict, never a hang.
 */
class CorpusTest {

    @Test
    void conductor_postgres_migrates_to_its_latest_version_with_the_transactional_lock_off() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, s -> s.withPostgresqlTransactionalLock(false),
                Corpus.location("conductor-postgres"), Corpus.location("conductor-postgres-notify-optional"))) {
            StepOutcome outcome = scope.rehearsal().migrateToLatest();

            assertThat(outcome).hasSucceeded().hasReachedVersion("18.1");
            assertThat(outcome.applied()).hasSize(21);
        }
    }

    @Test
    void conductor_postgres_with_the_default_transactional_lock_fails_at_the_concurrent_index_instead_of_hanging() {
        try (Scope scope = TestDatabases.rehearsal(Engine.POSTGRESQL, s -> s, Corpus.location("conductor-postgres"))) {
            Rehearsal rehearsal = scope.rehearsal();
            assertThat(rehearsal.migrateTo("8")).hasSucceeded();

            long start = System.nanoTime();
            StepOutcome outcome = rehearsal.migrateTo("9");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(outcome).hasFailed()
                    .isInScript("V9__indexing_index_fix.sql")
                    .hasFailureClass(FailureClass.LOCK_TIMEOUT)
                    .hasSqlState("55P03")
                    .hasStatementContaining("CREATE INDEX CONCURRENTLY");
            // bounded by the lock timeout (5 s in this module's tests), not by anything else
            assertThat(took).isLessThan(Duration.ofSeconds(60));
            assertThat(outcome).hasFailed().leftBehind().hasStillApplied(1).hasNoFailedHistoryRow().isAtVersion("8");
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM flyway_schema_history WHERE NOT success")).isZero();
        }
    }

    @Test
    void conductor_mysql_migrates_to_its_latest_version_on_mariadb() {
        try (Scope scope = TestDatabases.rehearsal(Engine.MARIADB, Corpus.location("conductor-mysql"))) {
            StepOutcome outcome = scope.rehearsal().migrateToLatest();

            assertThat(outcome).hasSucceeded().hasReachedVersion("10");
            assertThat(outcome.applied()).hasSize(10);
        }
    }
}
