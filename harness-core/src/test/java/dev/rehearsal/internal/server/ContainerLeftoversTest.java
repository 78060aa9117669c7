package dev.rehearsal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.testcontainers.DockerClientFactory;

/**
 * A run killed with {@code kill -9} stops none of its containers, and where Testcontainers' reaper is off (as on the
 * container lane) they stay: a later run removes those of runs known to have ended, and leaves a live run's and
 * another machine's alone. Containers are made here, not started (the cleanup looks at every state), from the image
 * the lane already holds. Runs where a container image is configured: the container lane of CI.
 */
@EnabledIfSystemProperty(named = "rehearsal.postgresql.image", matches = ".+",
        disabledReason = "needs a container engine: runs in the container lane (-Pcontainers)")
class ContainerLeftoversTest {

    @Test
    void a_killed_runs_containers_are_removed_and_no_other() throws Exception {
        DockerClient client = DockerClientFactory.instance().client();
        String image = System.getProperty("rehearsal.postgresql.image");
        String ended = token();
        String otherMachine = token();
        Path lock = Runs.folder().resolve(ended + ".lock");
        Files.createDirectories(Runs.folder());
        Files.writeString(lock, "pid 0\n"); // a lock file nobody holds: a run of this machine that ended
        String dead = create(client, image, ended);
        String live = create(client, image, Runs.TOKEN);
        String elsewhere = create(client, image, otherMachine);
        try {
            Optional<String> said = Containers.cleanEnded();

            assertThat(said).hasValueSatisfying(line -> assertThat(line).startsWith("removed 1 container(s) (")
                    .contains(dead.substring(0, 12)));
            assertThat(exists(client, dead)).as("the ended run's").isFalse();
            assertThat(exists(client, live)).as("this live run's").isTrue();
            assertThat(exists(client, elsewhere)).as("another machine's").isTrue();
            assertThat(Containers.cleanEnded()).as("nothing left the second time").isEmpty();
        } finally {
            for (String id : List.of(dead, live, elsewhere)) {
                if (exists(client, id)) {
                    client.removeContainerCmd(id).withForce(true).exec();
                }
            }
            Files.deleteIfExists(lock);
        }
    }

    private static String create(DockerClient client, String image, String token) {
        return client.createContainerCmd(image).withLabels(Map.of(Containers.RUN_LABEL, token)).exec().getId();
    }

    private static boolean exists(DockerClient client, String id) {
        return client.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec().stream()
                .anyMatch(c -> c.getId().equals(id));
    }

    private static String token() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
