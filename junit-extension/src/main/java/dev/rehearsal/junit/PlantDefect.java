package dev.rehearsal.junit;

import dev.rehearsal.seed.DefectKind;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A deliberate inconsistency to plant in the data of {@link SeedData}. Repeatable. The attributes a kind needs are
 * those of the matching {@link dev.rehearsal.seed.Defect} factory; a missing or stray one is an error that names it.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@Repeatable(PlantDefect.List.class)
public @interface PlantDefect {

    /**
     * The kind of defect.
     *
     * @return the kind
     */
    DefectKind kind();

    /**
     * The table to plant it in.
     *
     * @return the table
     */
    String table();

    /**
     * The column, or for {@code DUPLICATES} the columns; none for {@code VIOLATING_CHECK}, whose predicate names it.
     *
     * @return the columns
     */
    String[] columns() default {};

    /**
     * How many rows to plant it in. Default: 1, unless {@link #ratio()} is given.
     *
     * @return the count; 0 for unset
     */
    int count() default 0;

    /**
     * Which share of the table's seeded rows to plant it in, instead of a count.
     *
     * @return the share, above 0 and at most 1; 0 for unset
     */
    double ratio() default 0;

    /**
     * Plant it past the foreign keys that would refuse it (orphans under an existing FOREIGN KEY). Only
     * {@code ORPHANS} takes it; on another kind it is refused, naming the attribute.
     *
     * @return whether to bypass
     */
    boolean bypassConstraints() default false;

    /**
     * Make the planted rows the only ones with this defect in its column(s): the realistic rows around them are
     * generated free of it (a nullable column is otherwise NULL in about one row in ten, a column without a unique
     * key may repeat values, and so on). Set it when the test means to prove that exactly the planted rows break the
     * migration. See {@link dev.rehearsal.seed.Defect#onlyPlantedRows()} for what it means per kind.
     *
     * @return whether only the planted rows are defective
     */
    boolean onlyPlantedRows() default false;

    /**
     * {@code ORPHANS} in a column with no foreign key yet: the table the column will reference, when its name does
     * not say it.
     *
     * @return the parent table; empty for unset
     */
    String referencing() default "";

    /**
     * {@code TOO_LONG}: the length a migration will narrow the column to.
     *
     * @return the length; -1 for unset
     */
    int futureLength() default -1;

    /**
     * {@code OUT_OF_RANGE}: the future precision.
     *
     * @return the precision; -1 for unset
     */
    int futurePrecision() default -1;

    /**
     * {@code OUT_OF_RANGE}: the future scale.
     *
     * @return the scale
     */
    int futureScale() default 0;

    /**
     * {@code NOT_CASTABLE}: the type the column will be cast to, e.g. {@code "integer"}.
     *
     * @return the type; empty for unset
     */
    String targetType() default "";

    /**
     * {@code OUTSIDE_LABELS}: the labels that will be allowed.
     *
     * @return the labels
     */
    String[] futureLabels() default {};

    /**
     * {@code VIOLATING_CHECK}: the predicate a migration will add, e.g. {@code "quantity > 0"}.
     *
     * @return the predicate; empty for unset
     */
    String predicate() default "";

    /**
     * The container of repeated {@link PlantDefect}s.
     *
     * @since 0.1
     */
    @Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Inherited
    @interface List {

        /**
         * The defects.
         *
         * @return the defects
         */
        PlantDefect[] value();
    }
}
