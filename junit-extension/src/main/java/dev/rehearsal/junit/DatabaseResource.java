package dev.rehearsal.junit;

import dev.rehearsal.Rehearsal;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The rehearsal of one test, in the test's store: its database dropped after the test, or kept when the test failed
 * and keeping is configured.
 */
@SuppressWarnings("deprecation") // CloseableResource: JUnit 5.12 closes only those; 5.13+ also AutoCloseable
final class DatabaseResource implements ExtensionContext.Store.CloseableResource, AutoCloseable {

    private final Rehearsal rehearsal;
    private final AtomicBoolean finished = new AtomicBoolean();

    DatabaseResource(Rehearsal rehearsal) {
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
                report.accept(rehearsal.keepDatabase());
            } else {
                rehearsal.close();
            }
        }
    }

    /** The fallback when the test ends without the after-each step: drop. */
    @Override
    public void close() {
        finish(false, line -> { });
    }
}
