package dev.rehearsal.junit;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.ServerRequest;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server for one engine configuration, shared by the whole test run from the root store and stopped when the
 * run ends. A server that failed to start is remembered as such, so every test that needs it fails with the
 * reason at once instead of trying again.
 */
@SuppressWarnings("deprecation") // CloseableResource: JUnit 5.12 closes only those; 5.13+ also AutoCloseable
final class ServerResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final RehearsalServer server;
    private final RuntimeException failure;

    private ServerResource(RehearsalServer server, RuntimeException failure) {
        this.server = server;
        this.failure = failure;
    }

    static ServerResource start(ServerRequest request) {
        try {
            return new ServerResource(request.start(), null);
        } catch (RuntimeException e) {
            return new ServerResource(null, e);
        }
    }

    /**
     * @throws DatabaseUnavailableException if the server did not start
     * @throws RehearsalConfigurationException if a setting it needed was malformed
     */
    RehearsalServer server() {
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
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
