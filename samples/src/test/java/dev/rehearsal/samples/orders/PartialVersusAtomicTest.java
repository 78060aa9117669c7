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
import dev.rehearsal.junit.RehearsalTest;

/**
 * The same three-statement script, failing at its third statement, on two engines. PostgreSQL rolls the whole
 * script back; MariaDB has already committed the first two statements, and records the migration as failed.
 */
@MigrationRehearsal(engines = {POSTGRESQL, MARIADB}, locations = "classpath:db/partial/{engine}")
class PartialVersusAtomicTest {

    @RehearsalTest
    void a_script_failing_at_its_third_statement(Rehearsal rehearsal) {
        rehearsal.migrateTo("1");

        StepOutcome v2 = rehearsal.migrateTo("2");

        assertThat(v2).hasFailed()
                .isInScript("V2__customer_contact.sql")
                .isAtStatement(3)
                .isAtLine(4)
                .hasError(onPostgresql("23502"), onMariadb(1265))
                .isDataDependent()
                .hasColumn("phone");
        if (rehearsal.engine() == POSTGRESQL) {
            assertThat(v2).hasFailed().leftBehind().isRolledBackAtomically().isAtVersion("1");
            assertThat(columns(rehearsal)).isEqualTo(2);
        } else {
            assertThat(v2).hasFailed().leftBehind().hasStillApplied(1, 2).hasFailedHistoryRow().isAtVersion("1");
            assertThat(columns(rehearsal)).isEqualTo(4);
        }
    }

    private static long columns(Rehearsal rehearsal) {
        String schema = rehearsal.engine() == POSTGRESQL ? "current_schema()" : "database()";
        return rehearsal.queryForLong("SELECT count(*) FROM information_schema.columns"
                + " WHERE table_schema = " + schema + " AND table_name = 'customers'");
    }
}
