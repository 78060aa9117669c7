package dev.rehearsal.internal;

import dev.rehearsal.AppliedMigration;
import dev.rehearsal.Failure;
import dev.rehearsal.LeftBehind;
import dev.rehearsal.StepOutcome;
import dev.rehearsal.internal.flyway.FlywayVersion;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link StepOutcome} as the readable verdict block printed after each step and shown in assertion
 * failures.
 */
public final class Verdicts {

    private static final String INDENT = "  ";

    private Verdicts() {
    }

    public static String render(StepOutcome outcome) {
        StringBuilder text = new StringBuilder();
        text.append(outcome.step()).append(outcome.failed() ? " FAILED"
                        : outcome.damage().isEmpty() ? " SUCCEEDED" : " SUCCEEDED, BUT HID DAMAGE")
                .append(" on ").append(outcome.database().describeServer())
                .append(", Flyway ").append(FlywayVersion.running())
                .append(", database ").append(outcome.database().databaseName()).append('\n');
        text.append(INDENT).append("version ").append(outcome.versionBefore().orElse("<none>"))
                .append(" -> ").append(outcome.versionAfter().orElse("<none>"))
                .append("; applied: ").append(applied(outcome.applied()))
                .append("; took ").append(outcome.duration().toMillis()).append(" ms");
        outcome.database().state().ifPresent(state -> text.append('\n').append(INDENT).append("state    ").append(state));
        boolean ranStatements = outcome.leftBehind().map(l -> !l.executedBeforeFailure().isEmpty()).orElse(false);
        outcome.data().forEach(report -> text.append('\n').append(INDENT).append("data     ").append(report));
        outcome.damage().forEach(d -> text.append('\n').append(INDENT).append("damage   ").append(d));
        outcome.findings().forEach(f -> text.append('\n').append(INDENT).append("finding  ").append(f));
        outcome.failure().ifPresent(failure -> renderFailure(text, failure, ranStatements));
        outcome.leftBehind().ifPresent(left -> renderLeftBehind(text, left));
        return text.toString();
    }

    private static void renderFailure(StringBuilder text, Failure failure, boolean ranStatements) {
        if (failure.script().isEmpty()) {
            text.append('\n').append(INDENT).append("Flyway stopped before running any migration");
        } else {
            text.append('\n').append(INDENT).append("failed in ").append(failure.script().get());
        }
        if (failure.version().isPresent()) {
            text.append(" (version ").append(failure.version().get()).append(')');
        } else if (failure.isRepeatable()) {
            text.append(" (repeatable").append(failure.checksum().isPresent() ? ", checksum " + failure.checksum().getAsInt() : "")
                    .append(')');
        }
        if (failure.statementIndex().isPresent()) {
            text.append(", statement ").append(failure.statementIndex().getAsInt());
            failure.line().ifPresent(line -> text.append(" at line ").append(line));
            text.append(':');
            failure.statement().ifPresent(sql -> text.append('\n').append(indent(sql, INDENT + "    ")));
        } else if (failure.script().isEmpty()) {
            text.append(':');
        } else if (ranStatements) {
            text.append(", after its last statement (when the migration was committed)");
        } else {
            text.append(", before any statement ran");
        }
        text.append('\n').append(INDENT).append("error    ");
        text.append("SQLSTATE ").append(failure.sqlState().orElse("-"));
        text.append(", vendor code ").append(failure.vendorCode().isPresent() ? String.valueOf(failure.vendorCode().getAsInt()) : "-");
        text.append('\n').append(indent(failure.message(), INDENT + "         "));
        failure.detail().ifPresent(d -> text.append('\n').append(INDENT).append("detail   ").append(d));
        text.append('\n').append(INDENT).append("class    ").append(failure.failureClass());
        failure.constraint().ifPresent(c -> text.append("; constraint ").append(c));
        failure.table().ifPresent(t -> text.append("; table ").append(t));
        failure.column().ifPresent(c -> text.append("; column ").append(c));
    }

    private static void renderLeftBehind(StringBuilder text, LeftBehind left) {
        text.append('\n').append(INDENT).append("left     ").append(left.describe());
        if (left.failedHistoryRow()) {
            text.append('\n').append(INDENT).append("next     Flyway refuses to migrate until repair removes the failed row")
                    .append(left.isPartial() ? ", and a plain rerun fails on the statements that stayed applied: fix the"
                            + " cause, then resumeFailedMigration()" : "; fix the cause, then repair() and migrate again");
        }
    }

    private static String applied(List<AppliedMigration> applied) {
        if (applied.isEmpty()) {
            return "nothing";
        }
        return applied.stream()
                .map(m -> (m.version().isEmpty() ? "repeatable" : m.version()) + " (" + m.description() + ")")
                .collect(Collectors.joining(", "));
    }

    private static String indent(String sql, String prefix) {
        return sql.lines().map(line -> prefix + line).collect(Collectors.joining("\n"));
    }
}
