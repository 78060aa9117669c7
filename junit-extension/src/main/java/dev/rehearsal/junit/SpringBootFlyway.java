package dev.rehearsal.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Take the rehearsal's Flyway settings from a Spring Boot application's {@code spring.flyway.*} configuration, read
 * from its {@code application.properties} / {@code application.yml} files on the test classpath, without starting
 * a Spring context. Put it next to {@link MigrationRehearsal}:
 *
 * <pre>{@code
 * @MigrationRehearsal
 * @SpringBootFlyway(profiles = "ci")
 * class OrdersMigrationTest {
 *
 *     @Test
 *     void orphanOrdersBreakTheForeignKey(Rehearsal rehearsal) {
 *         rehearsal.migrateTo("2");
 *         rehearsal.execute("insert into orders (id, customer_id) values (1001, 999)");
 *         assertThat(rehearsal.migrateToNext()).hasFailed().isDataDependent();
 *     }
 * }
 * }</pre>
 *
 * <p>The files are found as Spring Boot finds them: {@code classpath:} root, then {@code classpath:config/}, which
 * overrides it; profile-specific files ({@code application-{profile}.properties}, {@code .yml}, {@code .yaml})
 * override the others, a later profile an earlier one; at one location {@code .properties} overrides {@code .yml}.
 * YAML and {@code #---} multi-document files with {@code spring.config.activate.on-profile} (or the older
 * {@code spring.profiles}) work, and so do relaxed names ({@code baseline-on-migrate}, {@code baselineOnMigrate},
 * {@code baseline_on_migrate}) and {@code ${name}} / {@code ${name:default}} placeholders, which resolve against
 * system properties, environment variables and the same files. YAML needs {@code org.yaml:snakeyaml} on the test
 * classpath, which Spring Boot applications have.
 *
 * <p>What carries over: {@code locations} (Boot's {@code {vendor}} becomes the engine's id), {@code placeholders},
 * {@code schemas}, {@code default-schema}, {@code table}, {@code postgresql.transactional-lock} and Flyway's other
 * settings ({@code baseline-on-migrate}, {@code out-of-order}, {@code sql-migration-prefix}, ...). What does not:
 * {@code url}, {@code user}, {@code password} and {@code driver-class-name} (the rehearsal connects to the database
 * it created), {@code target} (each step chooses its own), {@code enabled}; and nothing declared as a Spring bean
 * (Java migrations, callbacks, {@code FlywayConfigurationCustomizer}, {@code FlywayMigrationStrategy}). A
 * {@code spring.flyway.*} key that is no Flyway property of Boot is an error naming the file, the key and the
 * nearest property.
 *
 * <p>Attributes of {@link MigrationRehearsal} that are set win: {@code locations}, {@code schemas} and {@code table}
 * replace the Spring values, {@code placeholders} and {@code flywayProperties} are added to them and override them
 * name by name, and {@code postgresqlTransactionalLock = false} turns the lock off.
 *
 * <p>Usable as a meta-annotation, and inherited by subclasses and {@code @Nested} classes. See
 * {@code docs/spring-boot.md}.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface SpringBootFlyway {

    /**
     * The active profiles, as {@code spring.profiles.active} would name them; a later one overrides an earlier one.
     * Default none: then {@code spring.profiles.active} from the files, if set, else Boot's {@code default} profile.
     * A profile named here with neither a file nor a YAML document of its own is an error.
     *
     * @return the profiles
     */
    String[] profiles() default {};

    /**
     * The configuration's base name, Boot's {@code spring.config.name}. Default {@code application}, for
     * {@code application.properties}, {@code application.yml} and {@code application-{profile}.*}.
     *
     * @return the base name of the files
     */
    String name() default "application";
}
