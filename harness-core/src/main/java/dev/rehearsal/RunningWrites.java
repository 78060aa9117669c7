package dev.rehearsal;

/**
 * A {@link WriteLoad} running on a rehearsal's database, from {@link Rehearsal#startWrites(WriteLoad)}: stop it after
 * the step to read how long the writes waited.
 *
 * @since 0.1
 */
public interface RunningWrites extends AutoCloseable {

    /**
     * Stop issuing writes, let those issued finish (within the lock timeout), close the connections and report.
     * Calling it again returns the same report.
     *
     * @return how long the writes waited
     */
    WriteWaits stop();

    /** Stop, as {@link #stop()}, discarding the report. Never throws. */
    @Override
    void close();
}
