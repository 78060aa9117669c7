package dev.rehearsal.data;

import static dev.rehearsal.assertions.RehearsalAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.Failure;
import dev.rehearsal.FailureClass;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.seed.ColumnValues;
import dev.rehearsal.seed.Defect;
import dev.rehearsal.seed.DefectKind;
import dev.rehearsal.seed.PlantedDefect;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.seed.SeedReport;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.support.TestDatabases.Scope;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each defect kind breaks the migration it targets, on every engine; the same seed without the defect lets the
 * migration pass, so it is the defect, not the realistic data, that breaks it.
 */
class DefectCatalogueTest {

    /** A defect kind, the defect, and what each engine answers when the migration meets it. */
    record Case(DefectKind kind, Defect defect, Set<String> postgresql, Set<Integer> mysqlFamily, boolean named) {
    }

    static final List<Case> CASES = List.of(
            new Case(DefectKind.ORPHANS, Defect.orphans("orders", "customer_id").count(3), Set.of("23503"), Set.of(1452), true),
            new Case(DefectKind.NULLS, Defect.nulls("customers", "bio").count(3), Set.of("23502"), Set.of(1265, 1138), false),
            new Case(DefectKind.DUPLICATES, Defect.duplicates("customers", "email").count(3), Set.of("23505"), Set.of(1062), true),
            new Case(DefectKind.CASE_DUPLICATES, Defect.caseDuplicates("customers", "email").count(3), Set.of("23505"),
                    Set.of(1062), true),
            new Case(DefectKind.WHITESPACE_DUPLICATES, Defect.whitespaceDuplicates("customers", "email").count(3),
                    Set.of("23505"), Set.of(1062), true),
            new Case(DefectKind.TOO_LONG, Defect.tooLong("orders", "order_code", 12).count(3), Set.of("22001"), Set.of(1265, 1406), false),
            new Case(DefectKind.OUT_OF_RANGE, Defect.outOfRange("orders", "total", 5, 2).count(3), Set.of("22003"),
                    Set.of(1264), false),
            new Case(DefectKind.NOT_CASTABLE, Defect.notCastable("orders", "legacy_qty", "integer").count(3), Set.of("22P02"),
                    Set.of(1292, 1366), true),
            new Case(DefectKind.INVALID_DATES, Defect.invalidDates("orders", "legacy_date").count(3), Set.of("22008", "22007"),
                    Set.of(1292), true),
            new Case(DefectKind.OUTSIDE_LABELS, Defect.outsideLabels("orders", "status", "ACTIVE", "PENDING", "COMPLETED",
                    "CANCELLED", "FAILED", "IN_PROGRESS", "SCHEDULED", "PAUSED").count(3), Set.of("22P02"), Set.of(1265), true),
            new Case(DefectKind.VIOLATING_CHECK, Defect.violating("orders", "quantity > 0").count(3), Set.of("23514"),
                    Set.of(4025, 3819), false),
            new Case(DefectKind.INVALID_JSON, Defect.invalidJson("orders", "legacy_json").count(3), Set.of("22P02"),
                    Set.of(4025, 3140), false),
            new Case(DefectKind.INVALID_UUID, Defect.invalidUuid("orders", "legacy_uuid").count(3), Set.of("22P02"),
                    Set.of(1292, 1366), true));

    static Stream<Arguments> cases() {
        return TestDatabases.engines().flatMap(engine -> CASES.stream().map(c -> Arguments.of(engine, c.kind(), c)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void each_defect_breaks_the_migration_it_targets_and_only_the_defect_does(Engine engine, DefectKind kind, Case c) {
        String change = "classpath:db/defects/" + kind.name().toLowerCase(Locale.ROOT) + "/{family}";
        SeedPlan clean = SeedPlan.withSeed(7).rows("customers", 200).rows("orders", 400)
                .override("customers", "bio", ColumnValues.fixed("Writes code and reviews it."));

        try (Scope control = TestDatabases.rehearsal(engine, "classpath:db/defects/base", change)) {
            control.rehearsal().migrateTo("1");
            control.rehearsal().seed(clean);
            assertThat(control.rehearsal().migrateTo("2")).as("the same data without the defect").hasSucceeded();
        }

        try (Scope scope = TestDatabases.rehearsal(engine, "classpath:db/defects/base", change)) {
            Rehearsal rehearsal = scope.rehearsal();
            rehearsal.migrateTo("1");
            SeedReport report = rehearsal.seed(clean.defect(c.defect()));
            PlantedDefect planted = report.defects().get(0);
            assertThat(planted.rows()).isEqualTo(3);
            assertThat(planted.keys()).hasSize(3).allSatisfy(key -> assertThat(key).hasSize(1));

            StepOutcome outcome = rehearsal.migrateTo("2");

            assertThat(outcome).hasFailed().hasFailureClass(FailureClass.DATA_DEPENDENT);
            Failure failure = outcome.failure().orElseThrow();
            if (engine == Engine.POSTGRESQL) {
                assertThat(failure.sqlState()).as(outcome.verdict()).hasValueSatisfying(s -> assertThat(c.postgresql()).contains(s));
            } else {
                assertThat(failure.vendorCode()).as(outcome.verdict()).isPresent();
                assertThat(c.mysqlFamily()).as(outcome.verdict()).contains(failure.vendorCode().getAsInt());
            }
            assertThat(outcome.verdict()).contains("data     seed 7 at version 1: customers 200, orders 400; defects: 3 "
                    + kind.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            if (c.named() && namesValues(engine, kind)) {
                String said = (failure.message() + " " + failure.detail().orElse("")).toLowerCase(Locale.ROOT);
                assertThat(planted.values().stream().map(v -> String.valueOf(v).strip().toLowerCase(Locale.ROOT)))
                        .as("the failure names one of the planted values: " + said)
                        .anyMatch(said::contains);
            }
        }
    }

    /** Where the engine puts the offending value in its message or detail. */
    private static boolean namesValues(Engine engine, DefectKind kind) {
        return engine == Engine.POSTGRESQL
                || Set.of(DefectKind.DUPLICATES, DefectKind.CASE_DUPLICATES, DefectKind.WHITESPACE_DUPLICATES,
                        DefectKind.NOT_CASTABLE, DefectKind.INVALID_DATES, DefectKind.INVALID_UUID).contains(kind);
    }
}
