package dev.rehearsal.internal.server;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.jdbc.JdbcUrl;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Testcontainers servers. The image is taken as a substitute for the engine's official one, so mirrors and
 * locally built images work.
 */
final class Containers {

    private Containers() {
    }

    static JdbcServer start(ServerSpec spec, ConnectionPolicy policy, Duration startupTimeout) {
        return start(spec, policy, startupTimeout, Containers::dockerAvailable);
    }

    static JdbcServer start(ServerSpec spec, ConnectionPolicy policy, Duration startupTimeout, BooleanSupplier docker) {
        String image = spec.image().orElseThrow();
        Engine engine = spec.engine();
        if (!docker.getAsBoolean()) {
            throw new DatabaseUnavailableException(spec.origin() + " names the image '" + image + "' for " + engine.displayName()
                    + ", but Testcontainers finds no Docker environment, so the container cannot start.\n"
                    + "To fix this, start Docker (or set DOCKER_HOST to a Docker-compatible socket such as podman's), or"
                    + " drop the image to use " + (engine == Engine.MYSQL ? "an existing server" : "the embedded "
                    + engine.displayName()) + ", or point " + RehearsalSettings.url(engine) + " at an existing server.", null);
        }
        DockerImageName name;
        try {
            name = DockerImageName.parse(image).asCompatibleSubstituteFor(officialName(engine));
        } catch (IllegalArgumentException e) {
            throw new DatabaseUnavailableException(spec.origin() + " = '" + image + "' is not a valid image name: "
                    + e.getMessage() + "\nTo fix this, name an image like postgres:17, mysql:8.4 or mariadb:11.4.", e);
        }
        String password = Servers.randomPassword();
        JdbcDatabaseContainer<?> container = switch (engine) {
            case POSTGRESQL -> new PostgreSQLContainer(name).withPassword(password);
            case MYSQL -> new MySQLContainer(name).withUsername("root").withPassword(password);
            case MARIADB -> new ConnectorJMariaDbContainer(name).withUsername("root").withPassword(password);
        };
        container.withStartupTimeout(startupTimeout);
        // the run's token, so that a later run can tell a killed run's containers from a live one's (Runs)
        container.withLabel(RUN_LABEL, Runs.TOKEN);
        try {
            container.start();
        } catch (RuntimeException e) {
            Servers.closeQuietly(container::stop, e);
            throw new DatabaseUnavailableException("The " + engine.displayName() + " container of image '" + image
                    + "' (" + spec.origin() + ") did not start: " + rootMessage(e) + "\nTo fix this, check that the"
                    + " image exists and can be pulled, and that it is a " + engine.displayName() + " image.", e);
        }
        String user = engine == Engine.POSTGRESQL ? container.getUsername() : "root";
        String adminDatabase = engine == Engine.POSTGRESQL ? container.getDatabaseName() : "";
        JdbcUrl admin = JdbcUrl.of(Dialect.of(engine).jdbcScheme(), container.getHost(), container.getMappedPort(Dialect.of(engine).defaultPort()), adminDatabase);
        try {
            return new JdbcServer(spec, "image " + image, admin, user, password, policy, container::stop);
        } catch (SQLException | RuntimeException e) {
            Servers.closeQuietly(container::stop, e);
            throw new DatabaseUnavailableException("The " + engine.displayName() + " container of image '" + image
                    + "' started but refused a connection: " + e.getMessage(), e);
        }
    }

    /** The label every container the harness starts carries: the token of the run that started it. */
    static final String RUN_LABEL = "dev.rehearsal.run";

    /**
     * Remove the containers of runs of this machine known to have ended ({@link Runs}): a JVM killed with
     * {@code kill -9} stops none, and where Testcontainers' reaper (Ryuk) is off they stay. A live run's containers,
     * another machine's, and containers without the label are never touched.
     *
     * @return the line that says what was removed (or could not be, with the command that does it), if anything
     */
    static Optional<String> cleanEnded() {
        List<String> removed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        try {
            com.github.dockerjava.api.DockerClient client = DockerClientFactory.instance().client();
            for (com.github.dockerjava.api.model.Container container : client.listContainersCmd().withShowAll(true)
                    .withLabelFilter(List.of(RUN_LABEL)).exec()) {
                String token = container.getLabels() == null ? null : container.getLabels().get(RUN_LABEL);
                if (token == null || !Runs.ended(token)) {
                    continue;
                }
                String id = container.getId().substring(0, Math.min(12, container.getId().length()));
                try {
                    client.removeContainerCmd(container.getId()).withForce(true).withRemoveVolumes(true).exec();
                    removed.add(id + " (" + container.getImage() + ")");
                } catch (RuntimeException e) {
                    failed.add(id + " (" + e.getMessage() + "; remove it with: docker rm -f " + id + ")");
                }
            }
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty(); // no Docker to ask: nothing of the kind to clean
        }
        if (removed.isEmpty() && failed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of((removed.isEmpty() ? "" : "removed " + removed.size() + " container(s) (" + String.join(", ",
                removed) + ")") + (failed.isEmpty() ? "" : (removed.isEmpty() ? "" : "; ") + "could not remove "
                + String.join(", ", failed)));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static String officialName(Engine engine) {
        return switch (engine) {
            case POSTGRESQL -> "postgres";
            case MYSQL -> "mysql";
            case MARIADB -> "mariadb";
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (cause: " + root.getMessage() + ")";
    }

    /**
     * The MariaDB container, checked for readiness through MySQL Connector/J: the harness ships that driver and
     * not the MariaDB one.
     */
    private static final class ConnectorJMariaDbContainer extends MariaDBContainer {

        ConnectorJMariaDbContainer(DockerImageName image) {
            super(image);
        }

        @Override
        public String getDriverClassName() {
            return "com.mysql.cj.jdbc.Driver";
        }

        @Override
        public String getJdbcUrl() {
            return "jdbc:mysql://" + getHost() + ":" + getMappedPort(3306) + "/" + getDatabaseName()
                    + "?allowPublicKeyRetrieval=true";
        }
    }
}
