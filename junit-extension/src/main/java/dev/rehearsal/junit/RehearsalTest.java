package dev.rehearsal.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Run the annotated method once per engine of the class's {@link MigrationRehearsal}, each time with a rehearsal
 * on that engine. The engine is shown in the display name, e.g. {@code orphanOrders(Rehearsal) [MariaDB]}.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@TestTemplate
@ExtendWith(MigrationRehearsalExtension.class)
public @interface RehearsalTest {
}
