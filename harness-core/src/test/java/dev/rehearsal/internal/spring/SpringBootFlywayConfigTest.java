package dev.rehearsal.internal.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.internal.flyway.MigrationSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spring Boot's spring.flyway.* files read without Spring, each case on files of its own in a class path of its own. */
class SpringBootFlywayConfigTest {

    private static final String ORIGIN = "@SpringBootFlyway on OrdersTest";

    @TempDir
    Path root;

    @Test
    void properties_give_locations_placeholders_table_and_flyway_settings_under_flyways_names() {
        write("application.properties", """
                spring.flyway.locations=classpath:db/migration/{vendor},classpath:db/common
                spring.flyway.placeholders.owner=app
                spring.flyway.table=schema_history
                spring.flyway.baseline-on-migrate=true
                spring.flyway.sql-migration-suffixes=.sql,.psql
                spring.flyway.connect-retries-interval=2m
                spring.flyway.postgresql.transactional-lock=false
                spring.flyway.url=jdbc:postgresql://prod/orders
                spring.flyway.password=s3cret
                spring.flyway.target=5
                spring.datasource.url=jdbc:postgresql://prod/orders
                """);

        SpringFlywaySettings settings = read(List.of());

        assertThat(settings.locations()).containsExactly("classpath:db/migration/{vendor}", "classpath:db/common");
        assertThat(settings.placeholders()).containsExactly(Map.entry("owner", "app"));
        assertThat(settings.table()).contains("schema_history");
        assertThat(settings.postgresqlTransactionalLock()).contains(false);
        assertThat(settings.flywayProperties()).containsOnly(Map.entry("flyway.baselineOnMigrate", "true"),
                Map.entry("flyway.sqlMigrationSuffixes", ".sql,.psql"), Map.entry("flyway.connectRetriesInterval", "120"));
        assertThat(settings.ignored()).containsExactlyInAnyOrder(
                "spring.flyway.url (classpath:application.properties): not carried over: the rehearsal connects Flyway to"
                        + " the database it created for the test",
                "spring.flyway.password (classpath:application.properties): not carried over: the rehearsal connects"
                        + " Flyway to the database it created for the test",
                "spring.flyway.target (classpath:application.properties): not carried over: each step of the rehearsal"
                        + " chooses its target (migrateTo, migrateToNext, migrateToLatest)");
        assertThat(settings.toString() + settings.ignored()).doesNotContain("s3cret");
        assertThat(settings.files()).containsExactly("classpath:application.properties");
    }

    @Test
    void without_spring_flyway_settings_the_locations_are_boots_default() {
        write("application.properties", "server.port=8080\n");

        SpringFlywaySettings settings = read(List.of());

        assertThat(settings.locations()).containsExactly("classpath:db/migration");
        assertThat(settings.flywayProperties()).isEmpty();
        assertThat(settings.table()).isEmpty();
    }

    @Test
    void yaml_is_flattened_and_a_profiles_documents_override_the_ones_before_them() {
        write("application.yml", """
                spring:
                  flyway:
                    locations:
                      - classpath:db/migration
                      - classpath:db/seed
                    placeholders:
                      owner: app
                      region: eu
                    baseline-version: 1.10
                    table: history
                ---
                spring:
                  config:
                    activate:
                      on-profile: ci
                  flyway:
                    table: ci_history
                    placeholders:
                      owner: ci
                ---
                spring:
                  profiles: legacy
                  flyway:
                    out-of-order: true
                ---
                spring.config.activate.on-profile: "!ci"
                spring.flyway.installed-by: someone
                """);

        SpringFlywaySettings ci = read(List.of("ci"));

        assertThat(ci.locations()).containsExactly("classpath:db/migration", "classpath:db/seed");
        assertThat(ci.table()).contains("ci_history");
        assertThat(ci.placeholders()).containsOnly(Map.entry("owner", "ci"), Map.entry("region", "eu"));
        assertThat(ci.flywayProperties()).containsOnly(Map.entry("flyway.baselineVersion", "1.10"));
        assertThat(ci.profiles()).containsExactly("ci");

        SpringFlywaySettings legacy = read(List.of("legacy"));
        assertThat(legacy.table()).contains("history");
        assertThat(legacy.flywayProperties()).containsOnly(Map.entry("flyway.baselineVersion", "1.10"),
                Map.entry("flyway.outOfOrder", "true"), Map.entry("flyway.installedBy", "someone"));
    }

    @Test
    void a_profile_file_overrides_the_yaml_document_for_the_same_profile() {
        write("application.yml", """
                spring.flyway.table: base
                ---
                spring.config.activate.on-profile: ci
                spring.flyway.table: from_yaml_document
                spring.flyway.placeholders.owner: yaml
                """);
        write("application-ci.properties", "spring.flyway.table=from_profile_file\n");

        SpringFlywaySettings settings = read(List.of("ci"));

        assertThat(settings.table()).contains("from_profile_file");
        assertThat(settings.placeholders()).containsExactly(Map.entry("owner", "yaml"));
    }

    @Test
    void config_overrides_the_root_profiles_override_both_the_later_profile_wins_and_properties_beat_yaml() {
        write("application.properties", """
                spring.flyway.table=root_properties
                spring.flyway.installed-by=root
                spring.flyway.placeholders.a=root
                """);
        write("application.yml", "spring.flyway.table: root_yaml\nspring.flyway.group: true\n");
        write("config/application.yml", "spring.flyway.installed-by: config\nspring.flyway.placeholders.b: config\n");
        write("application-one.properties", "spring.flyway.mixed=one\nspring.flyway.encoding=ISO-8859-1\n");
        write("application-two.properties", "spring.flyway.mixed=two\n");
        write("config/application-one.properties", "spring.flyway.encoding=UTF-16\n");

        SpringFlywaySettings settings = read(List.of("one", "two"));

        assertThat(settings.table()).contains("root_properties");
        assertThat(settings.flywayProperties()).containsOnly(Map.entry("flyway.group", "true"),
                Map.entry("flyway.installedBy", "config"), Map.entry("flyway.mixed", "two"),
                Map.entry("flyway.encoding", "UTF-16"));
        assertThat(settings.placeholders()).containsOnly(Map.entry("a", "root"), Map.entry("b", "config"));
        assertThat(settings.files()).containsExactly("classpath:application.yml", "classpath:application.properties",
                "classpath:config/application.yml", "classpath:application-one.properties",
                "classpath:config/application-one.properties", "classpath:application-two.properties");
    }

    @Test
    void a_list_comes_whole_from_the_source_of_highest_precedence() {
        write("application.yml", "spring.flyway.locations: [classpath:a, classpath:b, classpath:c]\n");
        write("application-ci.properties", "spring.flyway.locations[0]=classpath:ci\n");

        assertThat(read(List.of("ci")).locations()).containsExactly("classpath:ci");
        assertThat(read(List.of()).locations()).containsExactly("classpath:a", "classpath:b", "classpath:c");
    }

    @Test
    void relaxed_names_are_the_same_key() {
        write("application.properties", """
                spring.flyway.baselineOnMigrate=true
                spring.flyway.out_of_order=true
                SPRING_FLYWAY_VALIDATE_ON_MIGRATE=false
                SPRING_FLYWAY_PLACEHOLDERS_OWNER=app
                spring.Flyway.SQL-MIGRATION-PREFIX=M
                spring.flyway.defaultSchema=app
                spring.flyway.schemas=audit,app
                """);

        SpringFlywaySettings settings = read(List.of());

        assertThat(settings.flywayProperties()).containsOnly(Map.entry("flyway.baselineOnMigrate", "true"),
                Map.entry("flyway.outOfOrder", "true"), Map.entry("flyway.validateOnMigrate", "false"),
                Map.entry("flyway.sqlMigrationPrefix", "M"));
        assertThat(settings.placeholders()).containsExactly(Map.entry("owner", "app"));
        // Flyway defaults to the first schema: default-schema goes first
        assertThat(settings.schemas()).containsExactly("app", "audit");
    }

    @Test
    void placeholders_resolve_against_system_properties_the_environment_and_the_files_with_defaults() {
        write("application.yml", """
                app:
                  owner: app_owner
                  schema: ${app.owner}_schema
                spring:
                  flyway:
                    placeholders:
                      owner: ${app.owner}
                      schema: ${APP_SCHEMA:${app.schema}}
                      region: ${region:eu-west-1}
                      tier: ${TIER}
                    table: ${HISTORY_TABLE:history}
                """);

        SpringFlywaySettings settings = SpringBootFlywayConfig.read(loader(), "application", List.of(), ORIGIN,
                Map.of("region", "us-east-1")::get, Map.of("TIER", "gold", "HISTORY_TABLE", "env_history")::get);

        assertThat(settings.placeholders()).containsOnly(Map.entry("owner", "app_owner"),
                Map.entry("schema", "app_owner_schema"), Map.entry("region", "us-east-1"), Map.entry("tier", "gold"));
        assertThat(settings.table()).contains("env_history");
    }

    @Test
    void an_unresolvable_placeholder_names_the_file_and_the_key() {
        write("application.properties", "spring.flyway.placeholders.owner=${OWNER_THAT_IS_NOWHERE}\n");

        assertThatThrownBy(() -> read(List.of()))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage(ORIGIN + ": classpath:application.properties sets spring.flyway.placeholders.owner ="
                        + " \"${OWNER_THAT_IS_NOWHERE}\", and its placeholder ${OWNER_THAT_IS_NOWHERE} is neither a key of"
                        + " classpath:application.properties nor a system property nor an environment variable.\nTo fix"
                        + " this, define OWNER_THAT_IS_NOWHERE in one of those files, give it a default"
                        + " (${OWNER_THAT_IS_NOWHERE:value}), or set it as a system property or environment variable of"
                        + " the test run.");
    }

    @Test
    void a_misspelt_key_names_the_file_and_the_nearest_property() {
        write("application.yml", "spring:\n  flyway:\n    baseline-on-migrat: true\n");

        assertThatThrownBy(() -> read(List.of()))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage(ORIGIN + ": classpath:application.yml sets spring.flyway.baseline-on-migrat, which is not a"
                        + " Spring Boot Flyway property; the nearest one is spring.flyway.baseline-on-migrate.\nTo fix"
                        + " this, correct the key (to spring.flyway.baseline-on-migrate?) or remove it; the properties are"
                        + " those of Boot's FlywayProperties (docs/spring-boot.md).");
    }

    @Test
    void a_camel_case_misspelling_is_matched_too_and_a_removed_property_names_its_replacement() {
        write("application.properties", "spring.flyway.outOfOrdr=true\n");
        assertThatThrownBy(() -> read(List.of())).hasMessageContaining("the nearest one is spring.flyway.out-of-order.");

        write("application.properties", "spring.flyway.ignore-missing-migrations=true\n");
        assertThatThrownBy(() -> read(List.of()))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage(ORIGIN + ": classpath:application.properties sets spring.flyway.ignore-missing-migrations,"
                        + " which is no Flyway property any more: Flyway 9 removed it.\nTo fix this, use spring.flyway.ignore-migration-patterns, e.g."
                        + " \"*:missing\".");
    }

    @Test
    void a_named_profile_without_a_file_or_a_document_is_an_error_naming_the_files_looked_for() {
        write("application.yml", "spring.flyway.table: history\n");

        assertThatThrownBy(() -> read(List.of("stagin")))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage(ORIGIN + ": profile \"stagin\" has no configuration: none of"
                        + " classpath:application-stagin.properties, classpath:application-stagin.yml,"
                        + " classpath:application-stagin.yaml, classpath:config/application-stagin.properties,"
                        + " classpath:config/application-stagin.yml, classpath:config/application-stagin.yaml exists, and"
                        + " no document of classpath:application.yml sets spring.config.activate.on-profile: stagin.\nTo"
                        + " fix this, correct the profile's name in @SpringBootFlyway(profiles = ...), or create one of"
                        + " those files.");
    }

    @Test
    void without_profiles_the_files_active_profiles_apply_and_otherwise_boots_default_profile() {
        write("application.properties", "spring.profiles.active=${ACTIVE:dev}\nspring.flyway.table=base\n");
        write("application-dev.properties", "spring.flyway.table=dev\n");
        write("application-default.properties", "spring.flyway.table=default\n");

        assertThat(read(List.of()).table()).contains("dev");
        assertThat(read(List.of()).profiles()).containsExactly("dev");

        write("application.properties", "spring.flyway.table=base\n");
        assertThat(read(List.of()).table()).contains("default");
    }

    @Test
    void properties_files_have_documents_too() {
        write("application.properties", """
                spring.flyway.table=base
                #---
                spring.config.activate.on-profile=ci
                spring.flyway.table=ci
                """);

        assertThat(read(List.of("ci")).table()).contains("ci");
        assertThat(read(List.of()).table()).contains("base");
    }

    @Test
    void the_config_name_picks_other_files() {
        write("orders.yml", "spring.flyway.table: orders_history\n");
        write("application.yml", "spring.flyway.table: other\n");

        assertThat(SpringBootFlywayConfig.read(loader(), "orders", List.of(), ORIGIN).table()).contains("orders_history");
    }

    @Test
    void boots_vendor_placeholder_is_the_engine_id_in_the_locations() throws IOException {
        Files.createDirectories(root.resolve("db/migration/postgresql"));
        Files.createDirectories(root.resolve("db/migration/mariadb"));
        write("application.yml", "spring.flyway.locations: classpath:db/migration/{vendor}\n");
        SpringFlywaySettings boot = read(List.of());

        MigrationSettings settings = new MigrationSettings(boot.locations(), boot.placeholders(), boot.schemas(),
                boot.table(), true, boot.flywayProperties(), loader(), ORIGIN);

        assertThat(settings.locationsFor(Engine.POSTGRESQL)).containsExactly("classpath:db/migration/postgresql");
        assertThat(settings.locationsFor(Engine.MARIADB)).containsExactly("classpath:db/migration/mariadb");
        assertThatThrownBy(() -> settings.locationsFor(Engine.MYSQL))
                .hasMessageStartingWith(ORIGIN + ": migration location \"classpath:db/migration/{vendor}\" (for MySQL:"
                        + " classpath:db/migration/mysql) does not exist on the classpath.");
    }

    @Test
    void malformed_yaml_names_the_file() {
        write("application.yml", "spring:\n  flyway:\n    table: [unclosed\n");

        assertThatThrownBy(() -> read(List.of()))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith(ORIGIN + ": classpath:application.yml is not valid YAML: ");
    }

    @Test
    void profile_expressions() {
        assertThat(SpringBootFlywayConfig.matches("ci", Set.of("ci"))).isTrue();
        assertThat(SpringBootFlywayConfig.matches("!ci", Set.of("ci"))).isFalse();
        assertThat(SpringBootFlywayConfig.matches("ci & eu", Set.of("ci"))).isFalse();
        assertThat(SpringBootFlywayConfig.matches("(ci | eu)", Set.of("eu"))).isTrue();
    }

    private SpringFlywaySettings read(List<String> profiles) {
        return SpringBootFlywayConfig.read(loader(), "application", profiles, ORIGIN, name -> null, name -> null);
    }

    private ClassLoader loader() {
        try {
            return new URLClassLoader(new URL[] {root.toUri().toURL()}, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String path, String text) {
        try {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
