package dev.rehearsal.samples.standalone;

import static dev.rehearsal.assertions.EngineError.onMariadb;
import static dev.rehearsal.assertions.EngineError.onPostgresql;
import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.StepOutcome;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The {@code main()} sample gives the verdict the JUnit sample does ({@code OrdersForeignKeyIncidentTest}): JUnit
 * here only runs it and checks what it returned.
 */
class IncidentWithoutJUnitTest {

    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB"})
    void the_main_sample_finds_the_orphans_that_break_v3(Engine engine) {
        StepOutcome v3 = IncidentWithoutJUnit.rehearse(engine);

        assertThat(v3).hasFailed()
                .isInScript("V3__orders_customer_fk.sql")
                .isAtStatement(2)
                .hasError(onPostgresql("23503"), onMariadb(1452))
                .isDataDependent()
                .hasConstraint("fk_orders_customer");
    }
}
