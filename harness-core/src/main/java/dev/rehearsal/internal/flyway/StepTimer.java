package dev.rehearsal.internal.flyway;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread that watches every migrate step's total time ({@code rehearsal.timeout.step}): it only runs
 * what a step schedules, and a step cancels its schedule when it ends, so nothing of a step outlives it.
 */
final class StepTimer {

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rehearsal-step-timeout");
        thread.setDaemon(true);
        return thread;
    });

    private StepTimer() {
    }

    /** Run a task once after a delay, unless the returned future is cancelled first. */
    static ScheduledFuture<?> once(Duration after, Runnable task) {
        return TIMER.schedule(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // nothing to retry
            }
        }, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Run a task after a delay and then at a period, until the returned future is cancelled. */
    static ScheduledFuture<?> every(Duration after, Duration period, Runnable task) {
        return TIMER.scheduleAtFixedRate(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                // the next period tries again; the step's own timeouts still bound it
            }
        }, after.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }
}
