package dev.rehearsal.sweep;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.Failure;
import dev.rehearsal.seed.DerivedDefect;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One case of a migration in a sweep: the migration run over realistic rows, or over realistic rows plus one defect
 * derived from it.
 *
 * @param defect the derived defect planted; empty for the realistic case
 * @param outcome what the migration did
 * @param failure where and why it failed, when it did
 * @param note what a person needs to know: why a case did not run, or what a result means
 * @param rowsSeeded the rows in the database when the migration ran (seeded for this case, or left by earlier ones)
 * @param plantedRows the primary keys of the rows the defect was planted in, e.g. {@code "orders(id=17)"}
 * @param verdict the whole verdict of the step, as the harness prints it; empty when the case did not run
 * @param duration how long the case took, seeding included
 * @since 0.1
 */
public record CaseResult(Optional<DerivedDefect> defect, Outcome outcome, Optional<Failure> failure, String note,
        long rowsSeeded, List<String> plantedRows, String verdict, Duration duration) {

    /** What a case's migration did. */
    public enum Outcome {
        /** It succeeded: over realistic rows, the migration works; over a defect, it handles that defect. */
        PASSED,
        /** It failed: over realistic rows, a bug found on realistic data; over a defect, the migration needs a data fix first. */
        FAILED,
        /** The case could not run, e.g. the defect cannot be planted at the version before; the note says why. */
        NOT_RUN
    }

    /**
     * Create a case result.
     *
     * @param defect the derived defect planted; empty for the realistic case
     * @param outcome what the migration did
     * @param failure where and why it failed, when it did
     * @param note what a person needs to know
     * @param rowsSeeded the rows in the database when the migration ran
     * @param plantedRows the keys of the rows the defect was planted in
     * @param verdict the whole verdict of the step
     * @param duration how long the case took
     * @throws NullPointerException if a component is {@code null}
     */
    public CaseResult {
        requireNonNull(defect, "defect");
        requireNonNull(outcome, "outcome");
        requireNonNull(failure, "failure");
        requireNonNull(note, "note");
        plantedRows = List.copyOf(plantedRows);
        requireNonNull(verdict, "verdict");
        requireNonNull(duration, "duration");
    }

    /**
     * Name the case, e.g. {@code "realistic rows"} or {@code "3 orphans in orders.customer_id (of customers)"}.
     *
     * @return the name
     */
    public String name() {
        return defect.map(d -> d.defect().toString()).orElse("realistic rows");
    }

    /**
     * Say in one line what failed and where, e.g. {@code "statement 2 (line 5), 23503, DATA_DEPENDENT: insert or update
     * on table ... violates foreign key constraint ...; planted in orders(id=27), orders(id=28)"}; the note when the
     * migration did not fail.
     *
     * @return the summary
     */
    public String summary() {
        if (failure.isEmpty()) {
            return note;
        }
        Failure f = failure.get();
        StringBuilder text = new StringBuilder();
        f.statementIndex().ifPresent(i -> text.append("statement ").append(i));
        f.line().ifPresent(l -> text.append(text.length() == 0 ? "" : " ").append("(line ").append(l).append(')'));
        String codes = f.sqlState().orElse("") + (f.vendorCode().isPresent()
                ? (f.sqlState().isPresent() ? " " : "") + "code " + f.vendorCode().getAsInt() : "");
        if (!codes.isBlank()) {
            text.append(text.length() == 0 ? "" : ", ").append(codes);
        }
        text.append(text.length() == 0 ? "" : ", ").append(f.failureClass()).append(": ").append(f.message());
        if (!plantedRows.isEmpty()) {
            text.append("; planted in ").append(String.join(", ", plantedRows));
        }
        return text.toString();
    }
}
