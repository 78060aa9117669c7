package dev.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rehearsal.support.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The page of what faults and locks did: writes held up by a table lock another session holds for a second, drawn as a
 * timeline with the span they were held shaded; the ten-statement script cut at every boundary, the cuts a rerun does
 * not survive marked. Written to {@code target/rehearsal/faults-<engine>/}, where CI loads the MariaDB one in a real
 * Chromium.
 */
class FaultReportTest {

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void the_page_shows_every_write_and_every_cut(Engine engine) throws Exception {
        try (RehearsalServer server = ServerRequest.of(engine, RehearsalSettings.of(TestDatabases.quietExistingServer(engine)))
                .start();
                Rehearsal rehearsal = server.open(Migrations.at("classpath:db/faults/common"), "report")) {
            rehearsal.migrateTo("1");
            WriteWaits waits;
            try (RunningWrites writes = rehearsal.startWrites(WriteLoad.on("orders").perSecond(50).connections(2))) {
                Thread.sleep(300);
                try (HeldLock lock = rehearsal.holdLock(LockSpec.table("orders").releasedAfter(Duration.ofSeconds(1)))) {
                    Thread.sleep(1300);
                }
                Thread.sleep(300);
                waits = writes.stop();
            }
            CutPoints cuts = rehearsal.cutAtEachStatement("2", Recovery.RERUN);

            assertThat(waits.timeline()).hasSize(waits.writes());
            assertThat(waits.blockedByTable().get("orders")).as("held up about the second the lock was held")
                    .isBetween(Duration.ofMillis(700), Duration.ofMillis(1900));
            Path folder = Path.of("target", "rehearsal", "faults-" + engine.id());
            Path page = FaultReport.titled("orders under a table lock, and V2 cut at every statement")
                    .with("writes on orders while another session holds LOCK TABLE for 1 s", waits).with(cuts)
                    .writeTo(folder);

            String html = Files.readString(page);
            assertThat(count(html, "<circle class=\"write")).isEqualTo(waits.writes());
            assertThat(count(html, "<rect class=\"held\"")).as("one held span").isEqualTo(1);
            assertThat(count(html, "<tr class=\"diverged\">")).isEqualTo(cuts.notConverging().size());
            assertThat(count(html, "<tr class=\"converged\">")).isEqualTo(cuts.points().size() - cuts.notConverging().size());
            String json = Files.readString(folder.resolve("rehearsal-faults.json"));
            assertThat(json).contains("\"format\": \"rehearsal-faults/1\"").contains("\"recovery\": \"RERUN\"")
                    .containsPattern("\"heldUpByTableMs\": \\{\\s*\"orders\": \\d+");
            assertThat(count(json, "\"waitedMs\"")).isEqualTo(waits.writes());
            assertThat(count(json, "\"converged\"")).isEqualTo(11);
        }
    }

    private static int count(String text, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
