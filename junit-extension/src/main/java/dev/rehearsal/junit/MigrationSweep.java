package dev.rehearsal.junit;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.ServerRequest;
import dev.rehearsal.sweep.CaseResult;
import dev.rehearsal.sweep.MigrationVerdict;
import dev.rehearsal.sweep.Sweep;
import dev.rehearsal.sweep.SweepPolicy;
import dev.rehearsal.sweep.SweepReport;
import dev.rehearsal.sweep.SweepResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * The sweep as tests, for those who prefer them to the Maven goal: a container per engine, a dynamic test per
 * migration, failing as the policy says.
 *
 * <pre>{@code
 * class EveryMigrationTest {
 *     @TestFactory
 *     Stream<DynamicNode> every_migration() {
 *         return MigrationSweep.tests(Migrations.at("classpath:db/migration"), SweepPolicy.FAIL_ON_UNSAFE,
 *                 Engine.POSTGRESQL, Engine.MARIADB);
 *     }
 * }
 * }</pre>
 *
 * <p>Each engine's server is chosen by the {@code rehearsal.*} system properties (embedded by default), started when its
 * container runs and stopped after its last test. The reports are written to {@code target/rehearsal/} after each
 * engine, the last time with every engine's results.
 *
 * @since 0.1
 */
public final class MigrationSweep {

    private MigrationSweep() {
    }

    /**
     * Return the sweep's tests, with seed 1 and 100 rows per table.
     *
     * @param migrations the Flyway settings; must not be {@code null}
     * @param policy what fails a migration's test
     * @param engines the engines, one container each; at least one
     * @return the tests, run lazily: each engine's sweep runs when its container does
     * @throws IllegalArgumentException if no engine is given
     */
    public static Stream<DynamicNode> tests(Migrations migrations, SweepPolicy policy, Engine... engines) {
        return tests(Sweep.of(requireNonNull(migrations, "migrations")), policy, engines);
    }

    /**
     * Return the tests of a sweep configured in code (seed, rows, progress).
     *
     * @param sweep the sweep; must not be {@code null}
     * @param policy what fails a migration's test
     * @param engines the engines, one container each; at least one
     * @return the tests
     * @throws IllegalArgumentException if no engine is given
     */
    public static Stream<DynamicNode> tests(Sweep sweep, SweepPolicy policy, Engine... engines) {
        return tests(sweep, policy, RehearsalSettings.fromSystem(), engines);
    }

    /**
     * Return the tests of a sweep on servers chosen by these settings instead of the system properties.
     *
     * @param sweep the sweep; must not be {@code null}
     * @param policy what fails a migration's test
     * @param settings the {@code rehearsal.*} settings that choose each engine's server
     * @param engines the engines, one container each; at least one
     * @return the tests
     * @throws IllegalArgumentException if no engine is given
     */
    public static Stream<DynamicNode> tests(Sweep sweep, SweepPolicy policy, RehearsalSettings settings,
            Engine... engines) {
        requireNonNull(settings, "settings");
        requireNonNull(sweep, "sweep");
        requireNonNull(policy, "policy");
        if (engines.length == 0) {
            throw new IllegalArgumentException("MigrationSweep.tests(...): no engine is given.\nTo fix this, name one or"
                    + " more, e.g. MigrationSweep.tests(migrations, policy, Engine.POSTGRESQL).");
        }
        List<SweepResult> done = new CopyOnWriteArrayList<>();
        return Arrays.stream(engines).map(engine -> DynamicContainer.dynamicContainer(engine.displayName(),
                Stream.of(engine).flatMap(e -> migrationTests(sweep, policy, settings, e, done))));
    }

    private static Stream<DynamicNode> migrationTests(Sweep sweep, SweepPolicy policy, RehearsalSettings settings,
            Engine engine, List<SweepResult> done) {
        SweepResult result;
        try (RehearsalServer server = ServerRequest.of(engine, settings).start()) {
            result = sweep.run(server);
        }
        done.add(result);
        SweepReport.of(List.copyOf(done)).writeTo(Path.of("target", "rehearsal"));
        List<DynamicNode> tests = new ArrayList<>();
        for (MigrationVerdict verdict : result.verdicts()) {
            tests.add(DynamicTest.dynamicTest(verdict.script(), () -> check(policy, result, verdict)));
        }
        result.stopped().ifPresent(why -> tests.add(DynamicTest.dynamicTest("the rest of the history", () -> {
            throw new AssertionFailedError(why);
        })));
        return tests.stream();
    }

    private static void check(SweepPolicy policy, SweepResult result, MigrationVerdict verdict) {
        List<String> failing = policy.violations(List.of(new SweepResult(result.engine(), result.server(),
                result.migrations(), List.of(verdict), Optional.empty(), result.duration(), result.repeatables())),
                Optional.empty());
        if (!failing.isEmpty()) {
            StringBuilder message = new StringBuilder(verdict.script()).append(" on ").append(result.engine()
                    .displayName()).append(" fails ").append(failing.size()).append(" case(s) under ").append(policy)
                    .append(':');
            List<CaseResult> cases = new ArrayList<>();
            cases.add(verdict.realistic());
            cases.addAll(verdict.defects());
            for (CaseResult c : cases) {
                if (c.outcome() == CaseResult.Outcome.FAILED) {
                    message.append("\n\n").append(c.name()).append(c.plantedRows().isEmpty() ? ""
                            : " (planted in " + String.join(", ", c.plantedRows()) + ")").append(":\n")
                            .append(c.verdict());
                }
            }
            throw new AssertionFailedError(message.toString());
        }
    }
}
