package dev.rehearsal.assertions;

import dev.rehearsal.WriteWaits;
import java.time.Duration;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on how long the writes of a load waited during a step. Reached through
 * {@link RehearsalAssertions#assertThat(WriteWaits)}.
 *
 * @since 0.1
 */
public final class WriteWaitsAssert extends AbstractAssert<WriteWaitsAssert, WriteWaits> {

    WriteWaitsAssert(WriteWaits actual) {
        super(actual, WriteWaitsAssert.class);
    }

    /**
     * Verify that no write waited longer than a bound: the migration did not block the application's writers for
     * longer.
     *
     * @param bound the longest wait allowed
     * @return this assertion object
     */
    public WriteWaitsAssert blocksWritersAtMost(Duration bound) {
        isNotNull();
        if (actual.writes() == 0) {
            failWithMessage("Expecting writes to have run, but the load issued none: %s", actual);
        }
        if (actual.longest().compareTo(bound) > 0) {
            failWithMessage("Expecting no write to wait longer than %d ms, but the longest waited %d ms:%n  %s",
                    bound.toMillis(), actual.longest().toMillis(), actual);
        }
        return this;
    }

    /**
     * Verify that some write waited at least this long: the migration blocked the writers, as expected of it.
     *
     * @param bound the wait the longest write reached at least
     * @return this assertion object
     */
    public WriteWaitsAssert blocksWritersAtLeast(Duration bound) {
        isNotNull();
        if (actual.longest().compareTo(bound) < 0) {
            failWithMessage("Expecting a write to wait at least %d ms, but the longest waited %d ms:%n  %s",
                    bound.toMillis(), actual.longest().toMillis(), actual);
        }
        return this;
    }

    /**
     * Verify that the server refused no write (a lock timeout, a deadlock).
     *
     * @return this assertion object
     */
    public WriteWaitsAssert refusedNoWrite() {
        isNotNull();
        if (actual.failed() > 0) {
            failWithMessage("Expecting no write to be refused, but %d were:%n  %s", actual.failed(), actual);
        }
        return this;
    }
}
