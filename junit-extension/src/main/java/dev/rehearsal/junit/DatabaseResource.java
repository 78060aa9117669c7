package dev.rehearsal.junit;

import dev.rehearsal.Rehearsal;
import dev.rehearsal.internal.server.RehearsalDatabase;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The database of one test and the rehearsal on it, in the test's store: dropped after the test, or kept when the
 * test failed and keeping is configured.
 */
@SuppressWarnings("deprecation") // CloseableResource: JUnit 5.12 closes only those; 5.13+ also AutoCloseable
final class DatabaseResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final RehearsalDatabase database;
    private final Rehearsal rehearsal;
    private final AtomicBoolean finished = new AtomicBoolean();

    DatabaseResource(RehearsalDatabase database, Rehearsal rehearsal) {
        this.database = database;
        this.rehearsal = rehearsal;
    }

    Rehearsal rehearsal() {
        return rehearsal;
    }

    /**
     * Drop the database, or keep it and report where.
     *
     * @param keep whether to keep it
     * @param report receives the line saying where it was kept
     */
    void finish(boolean keep, Consumer<String> report) {
        if (finished.compareAndSet(false, true)) {
            if (keep) {
                report.accept(database.keep());
            } else {
                database.close();
            }
        }
    }

    /** The fallback when the test ends without the after-each step: drop. */
    @Override
    public void close() {
        finish(false, line -> { });
    }
}
