package dev.rehearsal.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rehearsal.Engine;
import dev.rehearsal.UnsafeOperationException;
import org.junit.jupiter.api.Test;

class SafetyGuardTest {

    @Test
    void refuses_what_a_mysqldump_header_would_do_to_another_database() {
        assertThatThrownBy(() -> SafetyGuard.check("/*!40000 DROP DATABASE IF EXISTS `shop`*/", Engine.MARIADB, "rehearsal_x"))
                .isInstanceOf(UnsafeOperationException.class)
                .hasMessageContaining("acts on database 'shop'");
        assertThatThrownBy(() -> SafetyGuard.check("DROP /* c */ SCHEMA shop", Engine.MYSQL, "rehearsal_x"))
                .isInstanceOf(UnsafeOperationException.class);
        assertThatThrownBy(() -> SafetyGuard.check("USE `shop`", Engine.MARIADB, "rehearsal_x"))
                .isInstanceOf(UnsafeOperationException.class);
    }

    @Test
    void lets_statements_on_the_rehearsal_database_through() {
        assertThatCode(() -> SafetyGuard.check("USE rehearsal_x", Engine.MARIADB, "rehearsal_x")).doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("DROP SCHEMA audit CASCADE", Engine.POSTGRESQL, "rehearsal_x"))
                .doesNotThrowAnyException();
        assertThatCode(() -> SafetyGuard.check("DROP TABLE orders", Engine.MARIADB, "rehearsal_x")).doesNotThrowAnyException();
    }
}
