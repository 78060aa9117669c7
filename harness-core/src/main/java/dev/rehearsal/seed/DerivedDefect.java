package dev.rehearsal.seed;

import static java.util.Objects.requireNonNull;

/**
 * A defect derived from a pending migration: rows that the migration would newly refuse, and why it would.
 *
 * <pre>{@code
 * DerivedDefect(defect = 3 orphans in orders.customer_id (of customers),
 *               reason = "V2 adds fk_orders_customer: orders.customer_id -> customers.id")
 * }</pre>
 *
 * @param defect the defect to plant before the migration runs
 * @param reason what in the migration requires the rows to be otherwise, e.g.
 *     {@code "V2 adds fk_orders_customer: orders.customer_id -> customers.id"}
 * @since 0.1
 */
public record DerivedDefect(Defect defect, String reason) {

    /**
     * Create a derived defect.
     *
     * @param defect the defect to plant before the migration runs
     * @param reason what in the migration requires the rows to be otherwise
     * @throws NullPointerException if a component is {@code null}
     */
    public DerivedDefect {
        requireNonNull(defect, "defect");
        requireNonNull(reason, "reason");
    }

    /**
     * Return a copy whose defect is planted in this many rows.
     *
     * @param rows at least 1
     * @return the copy
     * @throws IllegalArgumentException if {@code rows} is below 1
     */
    public DerivedDefect count(int rows) {
        return new DerivedDefect(defect.count(rows), reason);
    }

    @Override
    public String toString() {
        return defect + ": " + reason;
    }
}
