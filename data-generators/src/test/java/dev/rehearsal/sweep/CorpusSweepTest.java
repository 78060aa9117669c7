package dev.rehearsal.sweep;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.FailureClass;
import dev.rehearsal.Migrations;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.support.Corpus;
import dev.rehearsal.support.TestDatabases;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sweep over real histories nobody here wrote: every version seeded without a seeding error, every realistic-data
 * failure explained (a true data dependence, shown by the statement that fails), every unsafe migration named.
 */
class CorpusSweepTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void conductor_is_swept_at_every_version_with_no_seeding_error(Engine engine) {
        Migrations history = engine.isMysqlFamily() ? Migrations.at(Corpus.location("conductor-mysql"))
                : Migrations.at(Corpus.location("conductor-postgres"), Corpus.location("conductor-postgres-notify-optional"))
                        // V9 builds an index CONCURRENTLY: with Flyway's transactional lock it waits forever
                        .withPostgresqlTransactionalLock(false);
        SweepResult result;
        try (RehearsalServer server = SweepTest.server(engine)) {
            result = Sweep.of(history).withRowsPerTable(40).withProgress(line -> { }).run(server);
        }

        assertThat(result.stopped()).isEmpty();
        assertThat(result.verdicts()).hasSize(engine.isMysqlFamily() ? 10 : 21);
        for (MigrationVerdict verdict : result.verdicts()) {
            assertThat(verdict.realistic().note()).as(verdict.script()).doesNotStartWith("Seeding realistic rows failed");
            assertThat(verdict.defects()).as(verdict.script() + ": every derived defect planted")
                    .noneMatch(c -> c.outcome() == CaseResult.Outcome.NOT_RUN);
        }
        if (engine.isMysqlFamily()) {
            assertThat(result.failingOnRealisticData()).isEmpty();
            // V4 adds UNIQUE (event_handler_name, event_name, execution_id): repeated events would stop the upgrade
            assertThat(result.unsafe()).extracting(MigrationVerdict::script)
                    .containsExactly("V4__1009_Fix_MySQLExecutionDAO_Index.sql");
            assertThat(result.verdict("4").orElseThrow().unsafeAgainst()).singleElement().satisfies(c -> {
                assertThat(c.name()).isEqualTo("3 duplicates in event_execution.event_handler_name,event_name,execution_id");
                assertThat(c.failure().orElseThrow().constraint()).hasValue("unique_event_execution");
            });
        } else {
            // V1 made date_str nullable, and the generator leaves a nullable column NULL now and then; V6 puts it in a
            // primary key: a true data dependence of this history, found on realistic rows with nothing planted
            assertThat(result.failingOnRealisticData()).extracting(MigrationVerdict::script)
                    .containsExactly("V6__update_pk.sql");
            CaseResult realistic = result.verdict("6").orElseThrow().realistic();
            assertThat(realistic.failure().orElseThrow().failureClass()).isEqualTo(FailureClass.DATA_DEPENDENT);
            assertThat(realistic.failure().orElseThrow().column()).hasValue("date_str");
            assertThat(result.unsafe()).extracting(MigrationVerdict::script).containsExactly("V6__update_pk.sql");
            // the triggers and functions of V10 and V10.1 are not derivable, and say so
            assertThat(result.verdict("10.1").orElseThrow().notDerivable()).hasSize(4)
                    .allSatisfy(n -> assertThat(n).startsWith("V10.1 creates a "));
        }
        assertThat(result.verdicts()).flatExtracting(MigrationVerdict::defects).isNotEmpty();
    }
}
