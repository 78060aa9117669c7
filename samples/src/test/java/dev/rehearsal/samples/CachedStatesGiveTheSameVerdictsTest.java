package dev.rehearsal.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.rehearsal.RehearsalSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The samples that declare {@code @SeedData} run twice more, with the cache on (each test starts from a copy of a
 * state built once) and off (each test migrates and seeds its own database): every test passes both ways, and every
 * verdict they print is the same but for database names, timings and the line that says where the state came from.
 */
class CachedStatesGiveTheSameVerdictsTest {

    private static final List<String> SEEDED = List.of("orders.OrdersForeignKeyIncidentTest", "users.UsersBioNotNullTest",
            "guide.WhenAMigrationFailsTest", "recovery.CompensatingMigrationTest", "recovery.RewriteAfterFailureTest",
            "recovery.ResumeOnMariaDbTest");

    @Test
    void the_seeded_samples_give_the_same_verdicts_from_copies_of_cached_states_as_from_states_built_per_test() {
        String cached = run(true);
        String built = run(false);

        assertThat(cached).contains("\n  state    copy of cached state rehearsal_state_");
        assertThat(built).contains("cache off: rehearsal.cache.enabled=false").doesNotContain("copy of cached state");
        assertThat(verdicts(cached)).isNotEmpty().isEqualTo(verdicts(built));
    }

    /** Run the seeded samples with the cache on or off; everything they printed. */
    private static String run(boolean cache) {
        List<String> failures = new ArrayList<>();
        int[] tests = new int[1];
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(SEEDED.stream().map(c -> selectClass("dev.rehearsal.samples." + c)).toList())
                .configurationParameter(RehearsalSettings.REPORT_ENABLED, "true")
                .configurationParameter(RehearsalSettings.CACHE_ENABLED, Boolean.toString(cache))
                .build();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(request, new TestExecutionListener() {
                @Override
                public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                    if (test.isTest()) {
                        tests[0]++;
                    }
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failures.add(test.getDisplayName() + ": " + result.getThrowable().map(Throwable::toString).orElse(""));
                    }
                }
            });
        } finally {
            System.setOut(out);
        }
        assertThat(failures).as("with the cache " + (cache ? "on" : "off")).isEmpty();
        assertThat(tests[0]).as("tests run").isGreaterThan(SEEDED.size());
        return printed.toString(StandardCharsets.UTF_8);
    }

    /**
     * The verdict lines, without what differs from run to run: database names, timings, the name of MariaDB's
     * temporary table in an ALTER, the lines that say where a database's state came from, and the harness's own progress
     * lines.
     */
    private static List<String> verdicts(String printed) {
        return printed.lines()
                .filter(line -> !line.startsWith("rehearsal: ") && !line.startsWith("  state    "))
                .map(line -> line.replaceAll("rehearsal_[a-z0-9_]+", "<database>")
                        .replaceAll("#sql-alter-[0-9a-f-]+", "#sql-alter-<n>") // MariaDB's name of its copy of the table
                        .replaceAll("took \\d+ ms", "took <t>")
                        .replaceAll("\\d+(\\.\\d+)? s\\b", "<t>"))
                .filter(line -> !line.isBlank())
                .collect(Collectors.toList());
    }
}
