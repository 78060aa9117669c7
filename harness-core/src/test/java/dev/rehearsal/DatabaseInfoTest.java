package dev.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The verdict header says when the MySQL engine runs on a MariaDB server, or the reverse: their codes differ. */
class DatabaseInfoTest {

    private static DatabaseInfo info(Engine engine, String version) {
        return new DatabaseInfo(engine, ProviderKind.CONTAINER, version, "mariadb:11.4", "rehearsal_x",
                "jdbc:mysql://127.0.0.1:3306/rehearsal_x");
    }

    @Test
    void the_other_member_of_the_mysql_family_is_named_with_a_warning() {
        assertThat(info(Engine.MYSQL, "11.4.5-MariaDB").describeServer()).isEqualTo("MySQL 11.4.5-MariaDB [a MariaDB"
                + " server: its error codes and behaviour differ from MySQL's] (container: mariadb:11.4)");
        assertThat(info(Engine.MARIADB, "8.4.3").describeServer()).isEqualTo("MariaDB 8.4.3 [a MySQL server: its error"
                + " codes and behaviour differ from MariaDB's] (container: mariadb:11.4)");
        assertThat(info(Engine.MARIADB, "10.11.6-MariaDB-0+deb12u1").describeServer())
                .isEqualTo("MariaDB 10.11.6-MariaDB-0+deb12u1 (container: mariadb:11.4)");
        assertThat(info(Engine.MYSQL, "8.4.3").describeServer()).isEqualTo("MySQL 8.4.3 (container: mariadb:11.4)");
    }
}
