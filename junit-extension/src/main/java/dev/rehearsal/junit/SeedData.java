package dev.rehearsal.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Before the test runs, migrate its rehearsal to a version and fill it with realistic rows, and plant the
 * {@link PlantDefect defects} declared next to it. The test then starts at that version, with that data.
 *
 * <pre>{@code
 * @RehearsalTest
 * @SeedData(atVersion = "2", seed = 42, rows = {"customers=2000", "orders=8000"})
 * @PlantDefect(kind = DefectKind.ORPHANS, table = "orders", columns = "customer_id", count = 5)
 * void orphanOrdersBreakTheForeignKey(Rehearsal rehearsal) {
 *     assertThat(rehearsal.migrateToNext()).hasFailed().isDataDependent();
 * }
 * }</pre>
 *
 * <p>On a test class, it applies to every test of the class; on a method, it replaces the class's. For anything the
 * annotations do not say, call {@link dev.rehearsal.Rehearsal#seed(dev.rehearsal.seed.SeedPlan)} in the test.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface SeedData {

    /**
     * The version to migrate to and seed at, e.g. {@code "2"}.
     *
     * @return the version
     */
    String atVersion();

    /**
     * The seed the rows derive from: the same seed on the same schema gives the same rows. Default 1.
     *
     * @return the seed
     */
    long seed() default 1;

    /**
     * Rows per table, each {@code table=count}, e.g. {@code "orders=8000"}.
     *
     * @return the row counts
     */
    String[] rows() default {};

    /**
     * Rows for every table {@link #rows()} does not name. Default 100.
     *
     * @return the row count
     */
    int defaultRows() default 100;

    /**
     * Tables to leave empty.
     *
     * @return the tables
     */
    String[] skip() default {};
}
