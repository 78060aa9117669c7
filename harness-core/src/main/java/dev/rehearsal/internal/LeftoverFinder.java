package dev.rehearsal.internal;

import dev.rehearsal.Leftover;
import dev.rehearsal.LeftoverKind;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.internal.dialect.Dialect;
import dev.rehearsal.internal.flyway.DamageCheck;
import dev.rehearsal.schema.ForeignKey;
import dev.rehearsal.schema.Schema;
import dev.rehearsal.schema.SchemaDiff;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Finds what failures, and patterns thought safe, left in a database: NOT VALID constraints, INVALID indexes, rows
 * violating foreign keys that exist, and the objects of a script recorded as failed.
 */
final class LeftoverFinder {

    private LeftoverFinder() {
    }

    /**
     * @param failedScript the script a failed history row names, if any
     * @param drift the schema's differences from a clean run at the current version
     */
    /**
     * @param failedScript what left the drift, e.g. {@code V2__x.sql, recorded as failed}; null when nothing failed
     */
    static List<Leftover> find(Schema schema, DataSource dataSource, Dialect dialect, String failedScript, SchemaDiff drift) {
        List<Leftover> leftovers = new ArrayList<>();
        for (DamageCheck.TableObject object : DamageCheck.invalid(schema)) {
            if (object.kind().equals("index")) {
                boolean unique = schema.table(object.table()).stream().flatMap(t -> t.indexes().stream())
                        .anyMatch(i -> i.name().equals(object.name()) && i.unique());
                leftovers.add(new Leftover(LeftoverKind.INVALID_INDEX, object.table(), object.name(), "INVALID index, left"
                        + " by a failed CREATE INDEX CONCURRENTLY: not used by queries"
                        + (unique ? ", not enforcing uniqueness" : "") + ", and IF NOT EXISTS skips it"));
            } else {
                leftovers.add(new Leftover(LeftoverKind.NOT_VALID_CONSTRAINT, object.table(), object.name(), object.kind()
                        + " added NOT VALID: the rows it found were never checked"));
            }
        }
        try (Connection connection = dataSource.getConnection(); Statement st = connection.createStatement()) {
            DamageCheck.violations(st, dialect, schema).forEach((fk, violating) -> {
                String parent = schema.table(fk.table()).flatMap(t -> t.foreignKeys().stream()
                        .filter(k -> k.name().equals(fk.name())).findFirst()).map(ForeignKey::referencedTable).orElse("its parent");
                leftovers.add(new Leftover(LeftoverKind.FOREIGN_KEY_VIOLATED, fk.table(), fk.name(), violating
                        + " row(s) reference no row of " + parent + " (loaded with checks off, or before a NOT VALID"
                        + " constraint)"));
            });
            DamageCheck.checkViolations(st, dialect, schema).forEach((check, count) -> {
                if (count < 0) {
                    return; // the predicate cannot be evaluated alone
                }
                leftovers.add(new Leftover(LeftoverKind.CHECK_VIOLATED, check.table(), check.name(), count + " row(s) violate"
                        + " it (added with checks off, or NOT ENFORCED)"));
            });
        } catch (SQLException e) {
            throw new RehearsalException("Could not look for leftovers: " + e.getMessage(), e);
        }
        if (failedScript != null) {
            drift.differences().forEach(d -> leftovers.add(new Leftover(LeftoverKind.PARTIALLY_APPLIED, d.table(),
                    d.object(), d.object() + " is " + d.actual() + " where a clean run has " + d.expected()
                    + ", left by " + failedScript)));
        }
        return leftovers;
    }

    private static long count(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
