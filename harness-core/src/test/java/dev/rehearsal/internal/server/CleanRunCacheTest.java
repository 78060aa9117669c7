package dev.rehearsal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.Engine;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.support.TestDatabases;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CleanRunCacheTest {

    @Test
    void parallel_callers_for_one_key_share_one_clean_run() throws Exception {
        JdbcServer server = TestDatabases.server(Engine.POSTGRESQL);
        Object key = new Object();
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch bothAsked = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Schema>> answers = pool.invokeAll(List.of(() -> ask(server, key, runs, bothAsked),
                    () -> ask(server, key, runs, bothAsked)), 30, TimeUnit.SECONDS);

            assertThat(runs).as("clean runs made").hasValue(1);
            assertThat(answers.get(0).get()).isSameAs(answers.get(1).get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void a_failed_clean_run_is_not_kept() {
        JdbcServer server = TestDatabases.server(Engine.POSTGRESQL);
        Object key = new Object();
        AtomicInteger runs = new AtomicInteger();

        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                server.cleanRunSchema(key, () -> {
                    runs.incrementAndGet();
                    throw new IllegalStateException("the clean run failed");
                });
            } catch (IllegalStateException expected) {
                // each caller gets the failure of its own run
            }
        }
        assertThat(runs).hasValue(2);
    }

    private static Schema ask(JdbcServer server, Object key, AtomicInteger runs, CountDownLatch bothAsked)
            throws InterruptedException {
        bothAsked.countDown();
        bothAsked.await(10, TimeUnit.SECONDS);
        return server.cleanRunSchema(key, () -> {
            runs.incrementAndGet();
            sleep(); // long enough for the other caller to arrive while this run is under way
            return new Schema(Engine.POSTGRESQL, "public", List.of());
        });
    }

    private static void sleep() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
