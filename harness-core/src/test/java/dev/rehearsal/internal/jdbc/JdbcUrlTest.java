package dev.rehearsal.internal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcUrlTest {

    @Test
    void swaps_the_database_and_keeps_parameters() {
        JdbcUrl url = JdbcUrl.parse("jdbc:postgresql://db:5432/postgres?sslmode=require&ApplicationName=ci", "key");

        assertThat(url.withDatabase("rehearsal_x").toUrl())
                .isEqualTo("jdbc:postgresql://db:5432/rehearsal_x?sslmode=require&ApplicationName=ci");
    }

    @Test
    void never_shows_passwords() {
        JdbcUrl url = JdbcUrl.parse("jdbc:mysql://root:hunter2@db:3306/?password=hunter2&useSSL=false", "key");

        assertThat(url.toString()).isEqualTo("jdbc:mysql://***@db:3306/?password=***&useSSL=false");
        assertThat(url.toUrl()).contains("hunter2");
        assertThat(JdbcUrl.redact("not a url with password=hunter2")).isEqualTo("not a url with password=***");
        assertThat(JdbcUrl.parse("jdbc:mysql://address=(host=db)(port=3306)(password=hunter2)/shop", "key").toString())
                .isEqualTo("jdbc:mysql://address=(host=db)(port=3306)(password=***)/shop");
        assertThat(JdbcUrl.parse("jdbc:mysql://(host=db,user=root,password=hunter2)/shop", "key").toString())
                .doesNotContain("hunter2");
    }
}
