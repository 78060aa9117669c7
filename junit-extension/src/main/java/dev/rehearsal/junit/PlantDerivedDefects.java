package dev.rehearsal.junit;

import dev.rehearsal.seed.DefectKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Plant, next to {@link SeedData}, the defects derived from the migration after {@code atVersion}: the rows that
 * migration would newly refuse (orphans for an added foreign key, NULLs for NOT NULL, duplicates for a unique key...),
 * as {@link dev.rehearsal.Rehearsal#deriveBreakingData()} finds them. The test then migrates and asserts.
 *
 * <pre>{@code
 * @Test
 * @SeedData(atVersion = "1", rows = {"customers=200", "orders=800"})
 * @PlantDerivedDefects(kinds = DefectKind.ORPHANS)
 * void v2_needs_a_data_fix_first(Rehearsal rehearsal) {
 *     assertThat(rehearsal.migrateToNext()).hasFailed().isDataDependent().hasConstraint("fk_orders_customer");
 * }
 * }</pre>
 *
 * <p>Nothing derived that matches is an error naming what was derived, so that a test does not pass on no defect.
 *
 * @since 0.1
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface PlantDerivedDefects {

    /**
     * Plant only the derived defects of these kinds; default every kind.
     *
     * @return the kinds
     */
    DefectKind[] kinds() default {};

    /**
     * Plant only the derived defects in this table; default every table.
     *
     * @return the table
     */
    String table() default "";

    /**
     * Rows each defect is planted in. Default 3.
     *
     * @return the count, 1 or more
     */
    int count() default 3;
}
