package dev.rehearsal.internal.flyway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlywayVersionTest {

    @Test
    void the_build_records_the_flyway_it_was_tested_with_and_the_classpath_gives_the_one_that_runs() {
        assertThat(FlywayVersion.tested()).matches("\\d+\\.\\d+\\.\\d+");
        // this build runs on the Flyway it names
        assertThat(FlywayVersion.running()).isEqualTo(FlywayVersion.tested());
    }

    @Test
    void versions_compare_by_number_not_by_text() {
        assertThat(FlywayVersion.isOlder("11.7.2", "13.12.0")).isTrue();
        assertThat(FlywayVersion.isOlder("9.22.3", "13.12.0")).isTrue();
        assertThat(FlywayVersion.isOlder("13.12.0", "13.12.0")).isFalse();
        assertThat(FlywayVersion.isOlder("13.12", "13.12.0")).isFalse();
        assertThat(FlywayVersion.isOlder("14.0.0-beta1", "13.12.0")).isFalse();
        assertThat(FlywayVersion.isOlder("unknown", "13.12.0")).isFalse();
    }
}
