package dev.rehearsal.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link javax.sql.DataSource} parameter as the rehearsal database's, for the extension to inject:
 * <pre>{@code
 * @Test
 * void orphans(Rehearsal rehearsal, @RehearsalDataSource DataSource dataSource) { ... }
 * }</pre>
 *
 * <p>An unmarked {@code DataSource} is left to other extensions (Spring's among them), so that
 * {@code @MigrationRehearsal} can sit in a test class that also gets an application's data source. The same
 * data source is {@link dev.rehearsal.Rehearsal#dataSource()}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface RehearsalDataSource {
}
