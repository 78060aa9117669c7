package dev.rehearsal.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.schema.Column;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated columns are the engine's to fill; the JSON keys their expressions read are generated so that the
 * expressions hold (a real history seeded NULL into GENERATED ... STORED NOT NULL columns at every version).
 */
class GeneratedColumnsTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void the_keys_generated_columns_read_are_in_every_document(Engine engine) {
        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/generated/{family}")) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateToLatest();
            Column deleted = rehearsal.schema().table("documents").orElseThrow().column("deleted").orElseThrow();
            assertThat(deleted.generation()).isEqualTo(Column.Generation.COMPUTED);
            assertThat(deleted.expression()).hasValueSatisfying(e -> assertThat(e).containsIgnoringCase("deleted"));

            rehearsal.seed(SeedPlan.withSeed(3).defaultRows(200));

            assertThat(rehearsal.queryForLong("SELECT count(*) FROM documents")).isEqualTo(200);
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM documents WHERE pages IS NULL OR deleted IS NULL"))
                    .isZero();
            assertThat(rehearsal.queryForLong("SELECT count(*) FROM documents WHERE title IS NOT NULL")).isEqualTo(200);
            assertThat(rehearsal.queryForLong("SELECT count(DISTINCT pages) FROM documents")).isGreaterThan(10);
        }
    }
}
