package dev.rehearsal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.seed.SeedPlan;
import dev.rehearsal.support.TestDatabases;
import dev.rehearsal.sweep.Repeatables;
import dev.rehearsal.sweep.SweepPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal's run without Maven around it: the founding incident's history fails the build with the statement and the
 * rows; a baseline accepts it until a new unsafe migration is added.
 */
class SweepRunTest {

    private final List<String> log = new ArrayList<>();

    private SweepRun run(Path dir, boolean record, String... locations) {
        List<Engine> engines = TestDatabases.engines().toList();
        Map<String, String> settings = new HashMap<>();
        engines.forEach(e -> settings.putAll(TestDatabases.asExistingServer(e)));
        settings.put(RehearsalSettings.REPORT_ENABLED, "false");
        return new SweepRun(engines, Migrations.at(locations), RehearsalSettings.of(settings), SweepPolicy.FAIL_ON_UNSAFE,
                dir.resolve("rehearsal-baseline.txt"), record, dir.resolve("target/rehearsal"), 1, 30,
                SweepRun.hints(List.of(), List.of(), Map.of()), true, Repeatables.AT_EACH_STEP, log::add);
    }

    @Test
    void the_fk_over_orphans_fails_the_build_until_a_baseline_accepts_it_and_a_new_unsafe_migration_fails_again(
            @TempDir Path dir) throws Exception {
        SweepRun.Outcome first = run(dir, false, "classpath:db/fk").run();
        int engines = (int) TestDatabases.engines().count();
        assertThat(first.violations()).hasSize(engines).allSatisfy(v -> assertThat(v)
                .contains(" V2__orders_customer_fk.sql fails on 3 orphans in orders.customer_id (of customers): "));
        assertThat(first.results()).allSatisfy(r -> assertThat(r.verdict("2").orElseThrow().unsafeAgainst())
                .singleElement().satisfies(c -> {
                    assertThat(c.failure().orElseThrow().statement()).hasValueSatisfying(s -> assertThat(s)
                            .contains("ADD CONSTRAINT fk_orders_customer"));
                    assertThat(c.failure().orElseThrow().statementIndex()).hasValue(2);
                    assertThat(c.failure().orElseThrow().line()).hasValue(5);
                    assertThat(c.plantedRows()).hasSize(3);
                }));
        assertThat(Files.readString(first.reports().markdown())).contains("| V2__orders_customer_fk.sql | ⚠️ needs a data"
                + " fix: fails on 1 of 1 defect(s) |");
        assertThat(first.reports().html()).exists();
        assertThat(first.reports().json()).exists();
        assertThat(log).anySatisfy(l -> assertThat(l).contains("V2 (2/2)"));

        SweepRun.Outcome recorded = run(dir, true, "classpath:db/fk").run();
        assertThat(recorded.violations()).isEmpty();
        assertThat(Files.readAllLines(dir.resolve("rehearsal-baseline.txt"))).first().isEqualTo("rehearsal-sweep-baseline/1");

        assertThat(run(dir, false, "classpath:db/fk").run().violations()).as("released findings accepted").isEmpty();

        List<String> added = run(dir, false, "classpath:db/fk", "classpath:db/next").run().violations();
        assertThat(added).isNotEmpty().allSatisfy(v -> assertThat(v).contains(" V3__unique_email.sql fails on "));
    }

    @Test
    void bad_parameters_name_the_parameter_and_the_fix() {
        assertThatThrownBy(() -> SweepRun.engines(List.of("postgresql,oracle"), "<engines>"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("<engines> names 'oracle', which is not an engine the harness rehearses on.\nTo fix this, name"
                        + " postgresql, mysql or mariadb, e.g. <engines>postgresql,mariadb</engines> or"
                        + " -Drehearsal.sweep.engines=postgresql.");
        assertThatThrownBy(() -> SweepRun.engines(List.of(" , "), "<engines>"))
                .hasMessageStartingWith("<engines> names no engine.");
        assertThat(SweepRun.engines(List.of("PostgreSQL, mariadb"), "<engines>"))
                .containsExactly(Engine.POSTGRESQL, Engine.MARIADB);
        assertThatThrownBy(() -> SweepRun.policy("fail-always", "<policy>"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("<policy> is 'fail-always', which is not a sweep policy.\nTo fix this, use REPORT_ONLY,"
                        + " FAIL_ON_REALISTIC_DATA or FAIL_ON_UNSAFE (the default).");
        assertThat(SweepRun.policy("fail-on-realistic-data", "<policy>")).isEqualTo(SweepPolicy.FAIL_ON_REALISTIC_DATA);

        assertThat(SweepRun.repeatables("at-the-end", "<repeatables>")).isEqualTo(Repeatables.AT_THE_END);
        assertThatThrownBy(() -> SweepRun.repeatables("never", "<repeatables>"))
                .hasMessageStartingWith("<repeatables> is 'never', which is not a time to apply the repeatable migrations.");
        SeedPlan hints = SweepRun.hints(List.of("orders.note"), List.of("customers.email", "orders.customer_id+total"),
                Map.of("orders.placed_on", "0.5"));
        assertThat(hints.nullRateFor("orders", "note")).hasValue(0);
        assertThat(hints.nullRateFor("orders", "placed_on")).hasValue(0.5);
        assertThat(hints.uniqueInPracticeFor("orders")).containsExactly(List.of("customer_id", "total"));
        assertThatThrownBy(() -> SweepRun.hints(List.of("note"), List.of(), Map.of()))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("<requiredInPractice> names 'note', which is not table.column.\nTo fix this, write it like"
                        + " orders.note.");
        assertThatThrownBy(() -> SweepRun.hints(List.of(), List.of(), Map.of("orders.note", "often")))
                .hasMessageStartingWith("<nullRates> gives orders.note the rate 'often', which is not a share of the rows.");
    }

    @Test
    void the_project_s_locations_come_from_flyway_s_default_the_parameter_or_spring_boot() {
        ClassLoader project = getClass().getClassLoader();
        assertThat(SweepRun.migrations(List.of(), false, List.of(), Map.of(), project, "pom.xml").locations())
                .containsExactly("classpath:db/migration");
        assertThat(SweepRun.migrations(List.of("classpath:db/fk", "classpath:db/next"), false, List.of(), Map.of(),
                project, "pom.xml").locations()).containsExactly("classpath:db/fk", "classpath:db/next");
        Migrations boot = SweepRun.migrations(List.of(), true, List.of(), Map.of("region", "eu"), project, "pom.xml");
        assertThat(boot.locations()).containsExactly("classpath:db/fk");
        assertThat(boot.placeholders()).containsEntry("owner", "shop").containsEntry("region", "eu");
        assertThat(boot.origin()).contains("pom.xml (<springBoot>)");
    }
}
