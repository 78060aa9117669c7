package dev.rehearsal.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.RehearsalConfigurationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void reads_durations_in_several_notations() {
        Settings settings = Settings.of(Map.of("a", "500ms", "b", "30s", "c", "5m", "d", "PT2S"));

        assertThat(settings.duration("a", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.duration("b", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.duration("c", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.duration("d", Duration.ZERO)).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.duration("unset", Duration.ofSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void bad_values_name_the_key_the_value_and_the_fix() {
        Settings settings = Settings.of(Map.of("rehearsal.timeout.lock", "soon", "rehearsal.report.enabled", "maybe"));

        assertThatThrownBy(() -> settings.duration("rehearsal.timeout.lock", Duration.ZERO))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("rehearsal.timeout.lock = 'soon' is not a duration of 1ms or more.\n"
                        + "To fix this, write it like 500ms, 30s, 5m or PT30S.");
        assertThatThrownBy(() -> settings.flag("rehearsal.report.enabled", true))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessage("rehearsal.report.enabled = 'maybe' is not a boolean.\nTo fix this, set it to true or false.");
    }

    @Test
    void a_bound_longer_than_a_day_is_refused() {
        Settings settings = Settings.of(Map.of("rehearsal.timeout.socket", "1000h", "rehearsal.timeout.lock", "24h"));

        assertThat(settings.duration("rehearsal.timeout.lock", Duration.ZERO)).isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> settings.duration("rehearsal.timeout.socket", Duration.ZERO))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("rehearsal.timeout.socket = '1000h' is longer than 24 hours")
                .hasMessageContaining("To fix this, give 24h or less");
    }

    @Test
    void a_misspelt_key_is_refused_with_the_nearest_one() {
        assertThatThrownBy(() -> Settings.refuseUnknownKeys(java.util.List.of("java.version", "rehearsal.postgres.url"),
                "a system property"))
                .isInstanceOf(RehearsalConfigurationException.class)
                .hasMessageStartingWith("rehearsal.postgres.url (a system property) is not a Rehearsal setting, so it"
                        + " would be ignored; the nearest key is rehearsal.postgresql.url.\nTo fix this, correct it to one"
                        + " of rehearsal.postgresql.url, rehearsal.postgresql.username,")
                .hasMessageEndingWith("rehearsal.report.enabled, rehearsal.cache.enabled, rehearsal.privileges (docs/databases.md), or"
                        + " remove it.");
        assertThatThrownBy(() -> Settings.refuseUnknownKeys(java.util.List.of("PATH", "REHEARSAL_TIMEOUT_CONECT"),
                "an environment variable"))
                .hasMessageStartingWith("REHEARSAL_TIMEOUT_CONECT (an environment variable) is not a Rehearsal setting,"
                        + " so it would be ignored; the nearest key is REHEARSAL_TIMEOUT_CONNECT.");
        assertThatThrownBy(() -> Settings.refuseUnknownKeys(java.util.List.of("rehearsal.colour"), "a system property"))
                .hasMessageStartingWith("rehearsal.colour (a system property) is not a Rehearsal setting, so it would be"
                        + " ignored.\nTo fix this");
    }

    @Test
    void every_key_the_harness_reads_passes() {
        assertThatCode(() -> Settings.refuseUnknownKeys(Settings.knownKeys(), "a system property"))
                .doesNotThrowAnyException();
        assertThatCode(() -> Settings.refuseUnknownKeys(Settings.knownKeys().stream().map(Settings::environmentName)
                .toList(), "an environment variable")).doesNotThrowAnyException();
        assertThatCode(() -> Settings.refuseUnknownKeys(java.util.List.of("user.home", "rehearsal", "tests.engines"),
                "a system property")).doesNotThrowAnyException();
    }

    @Test
    void environment_names_are_upper_case_with_underscores() {
        assertThat(Settings.environmentName("rehearsal.postgresql.url")).isEqualTo("REHEARSAL_POSTGRESQL_URL");
        assertThat(Settings.fromEnvironment("rehearsal.mariadb.url", Map.of("REHEARSAL_MARIADB_URL", "jdbc:mysql://h/")))
                .contains("jdbc:mysql://h/");
    }
}
