package dev.rehearsal.internal.flyway;

import java.util.OptionalInt;
import org.flywaydb.core.internal.exception.FlywayMigrateException;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * The one place that touches Flyway's internal exception classes, for the single fact the public API does not
 * give: the line of the failing statement. Flyway does not promise these classes; if they move, this adapter
 * answers "unknown" instead of failing the rehearsal.
 */
final class FlywayInternals {

    private FlywayInternals() {
    }

    /** The line of the failing statement's first keyword, leading comments skipped. */
    static OptionalInt failingLine(Throwable failure) {
        try {
            return lineIn(failure);
        } catch (LinkageError flywayChangedItsInternals) {
            return OptionalInt.empty();
        }
    }

    private static OptionalInt lineIn(Throwable failure) {
        for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof FlywaySqlScriptException script && script.getLineNumber() > 0) {
                return OptionalInt.of(script.getLineNumber());
            }
            if (t instanceof FlywayMigrateException migrate && migrate.getLineNumber() > 0) {
                return OptionalInt.of(migrate.getLineNumber());
            }
        }
        return OptionalInt.empty();
    }
}
