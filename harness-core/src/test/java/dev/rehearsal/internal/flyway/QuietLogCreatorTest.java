package dev.rehearsal.internal.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.junit.jupiter.api.Test;

class QuietLogCreatorTest {

    @Test
    void the_harness_flyway_logs_only_warnings_above_debug() {
        List<String> lines = new CopyOnWriteArrayList<>();
        LogCreator recording = type -> new Log() {
            @Override
            public void debug(String message) {
                lines.add("DEBUG " + message);
            }

            @Override
            public void info(String message) {
                lines.add("INFO " + message);
            }

            @Override
            public void warn(String message) {
                lines.add("WARN " + message);
            }

            @Override
            public void error(String message) {
                lines.add("ERROR " + message);
            }

            @Override
            public void error(String message, Exception e) {
                lines.add("ERROR " + message + " " + e);
            }

            @Override
            public void notice(String message) {
                lines.add("NOTICE " + message);
            }
        };
        Log log = new QuietLogCreator(recording).createLogger(QuietLogCreatorTest.class);

        log.info("Executing Java callback: beforeEachMigrateStatement - rehearsal-statement-recorder");
        log.error("Migration of schema \"public\" to version \"2 - fk\" failed!");
        log.notice("Flyway OSS Edition");
        log.warn("DB: relation \"orders\" already exists, skipping");

        assertThat(lines).containsExactly(
                "DEBUG Executing Java callback: beforeEachMigrateStatement - rehearsal-statement-recorder",
                "DEBUG Migration of schema \"public\" to version \"2 - fk\" failed!",
                "DEBUG Flyway OSS Edition",
                "WARN DB: relation \"orders\" already exists, skipping");
    }

    @Test
    void flyway_finds_the_framework_it_would_have_found_itself() {
        // this module's tests have slf4j-simple: Flyway's own SLF4J logger is behind ours
        Log log = new QuietLogCreator().createLogger(QuietLogCreatorTest.class);

        assertThat(log.getClass().getSimpleName()).isEqualTo("Quiet");
        assertThat(log).extracting("log").extracting(Object::getClass).extracting(Class::getSimpleName).isEqualTo("Slf4jLog");
    }
}
