package dev.rehearsal.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Checks as each engine prints them are understood: realistic values alone would break every one of these. */
class CheckRulesTest {

    static Stream<Engine> engines() {
        return TestDatabases.engines();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void rows_satisfy_checks_in_the_form_the_engine_prints_them(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/checks/{family}")) {
            scope.rehearsal().migrateToLatest();
            scope.rehearsal().seed(SeedPlan.withSeed(3).rows("checked", 2_000));

            assertThat(scope.rehearsal().queryForLong("SELECT count(*) FROM checked")).isEqualTo(2_000);
            assertThat(scope.rehearsal().queryForLong("SELECT count(DISTINCT status) FROM checked")).isEqualTo(2);
            assertThat(scope.rehearsal().queryForLong("SELECT min(quantity) FROM checked")).isEqualTo(1);
            assertThat(scope.rehearsal().queryForLong("SELECT max(quantity) FROM checked")).isEqualTo(3);
        }
    }
}
