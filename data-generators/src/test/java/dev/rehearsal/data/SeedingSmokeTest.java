package dev.rehearsal.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SeedingSmokeTest {

    static Stream<Engine> engines() {
        return TestDatabases.engines();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void fills_the_rich_schema(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/schema/{family}")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateToLatest();
            SeedReport report = rehearsal.seed(SeedPlan.withSeed(42).rows("orders", 500).rows("order_lines", 800));
            System.out.println(report);
            System.out.println(rehearsal.query("SELECT * FROM customers ORDER BY id LIMIT 3"));
            System.out.println(rehearsal.query("SELECT * FROM orders ORDER BY id LIMIT 3"));
            System.out.println(rehearsal.query("SELECT * FROM categories ORDER BY id LIMIT 5"));
            assertThat(report.totalRows()).isEqualTo(100 + 100 + 500 + 800);
        }
    }
}
