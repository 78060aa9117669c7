package dev.rehearsal.internal.flyway;

import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.internal.server.RehearsalDatabase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Flyway configured once for one rehearsal database and its migration settings: the instance every read (info,
 * pending, repair) reuses, and fresh ones for the steps, which add a target and the statement recorder.
 */
final class ConfiguredFlyway {

    private final RehearsalDatabase database;
    private final MigrationSettings settings;
    private final List<String> locations;
    private final Flyway reads;

    /**
     * @throws RehearsalConfigurationException if Flyway rejects a setting
     */
    ConfiguredFlyway(RehearsalDatabase database, MigrationSettings settings, List<String> locations) {
        this.database = database;
        this.settings = settings;
        this.locations = locations;
        try {
            this.reads = build(null, null).load();
        } catch (FlywayException e) {
            throw new RehearsalConfigurationException(settings.origin() + ": Flyway rejects the settings "
                    + settings.flywayProperties().keySet() + ": " + FailureTranslator.flywayMessage(e) + "\nTo fix this,"
                    + " correct or remove the setting it names (flywayProperties take Flyway's names, e.g."
                    + " outOfOrder=true).", e);
        }
    }

    /** The instance for reads and repair: no target, no recorder. */
    Flyway reads() {
        return reads;
    }

    /** A Flyway for one migrate step: up to the target ({@code "latest"} for all), its statements recorded. */
    Flyway step(StatementRecorder recorder, String target) {
        return build(recorder, target).load();
    }

    /** A step whose connections come from a data source of its own (a fault point's). */
    Flyway step(StatementRecorder recorder, String target, javax.sql.DataSource connections) {
        return build(recorder, target).dataSource(connections).load();
    }

    /**
     * A Flyway that records a version as applied without running anything: for a resume, whose statements the harness
     * ran itself. Repeatable migrations, which a target does not hold back, are kept out under a prefix no script has.
     */
    Flyway recordOnly(String version) {
        return build(null, version)
                .skipExecutingMigrations(true)
                .repeatableSqlMigrationPrefix("REHEARSAL_RECORDS_NO_REPEATABLE_")
                .validateOnMigrate(false) // the applied repeatables are unresolvable under that prefix
                .skipDefaultCallbacks(true)
                .callbacks(new Callback[0])
                .load();
    }

    /** Flyway's info; a failure to read the migrations is a configuration error of the locations. */
    MigrationInfoService info() {
        return info(reads);
    }

    MigrationInfoService info(Flyway flyway) {
        try {
            return flyway.info();
        } catch (FlywayException e) {
            if (FailureTranslator.sqlCause(e).isPresent()) {
                throw new RehearsalException("Flyway could not read the history of " + database.info() + ": "
                        + FailureTranslator.flywayMessage(e), e);
            }
            throw new RehearsalConfigurationException("Flyway cannot read the migrations in " + locations + " ("
                    + settings.origin() + "): " + FailureTranslator.flywayMessage(e) + "\nTo fix this, correct the"
                    + " migration files or the Flyway settings named there.", e);
        }
    }

    private FluentConfiguration build(StatementRecorder recorder, String target) {
        FluentConfiguration config = Flyway.configure(settings.classLoader());
        if (!settings.flywayProperties().isEmpty()) {
            config.configuration(settings.flywayProperties());
        }
        if (settings.flywayProperties().keySet().stream().noneMatch(k -> k.equalsIgnoreCase("flyway.loggers"))) {
            config.loggers(QuietLogCreator.class.getName());
        }
        config.dataSource(database.dataSource())
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true)
                .cleanDisabled(true);
        if (!settings.placeholders().isEmpty()) {
            Map<String, String> placeholders = new LinkedHashMap<>(config.getPlaceholders());
            placeholders.putAll(settings.placeholders());
            config.placeholders(placeholders);
        }
        if (!settings.schemas().isEmpty()) {
            config.schemas(settings.schemas().toArray(String[]::new));
        }
        settings.table().ifPresent(config::table);
        if (recorder != null) {
            Callback[] configured = config.getCallbacks();
            Callback[] callbacks = Arrays.copyOf(configured, configured.length + 1);
            callbacks[configured.length] = recorder;
            config.callbacks(callbacks);
        }
        if (target != null) {
            config.target(target);
        }
        database.server().dialect().configure(config, settings.postgresqlTransactionalLock());
        return config;
    }
}
