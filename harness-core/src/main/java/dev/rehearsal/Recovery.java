package dev.rehearsal;

/**
 * What a team runs after a migration lost its connection, as {@link Rehearsal#cutAtEachStatement} rehearses it.
 *
 * @since 0.1
 */
public enum Recovery {

    /** Run the migration again ({@code flyway migrate}), as a deploy that is simply retried does. */
    RERUN,

    /** {@code flyway repair}, then run the migration again: the failed history row, if any, removed first. */
    REPAIR_AND_RERUN,

    /** Run the rest of the migration from the statement that failed ({@link Rehearsal#resumeFailedMigration()}). */
    RESUME;

    /** E.g. {@code repair + rerun}. */
    @Override
    public String toString() {
        return switch (this) {
            case RERUN -> "rerun";
            case REPAIR_AND_RERUN -> "repair + rerun";
            case RESUME -> "resume from the failed statement";
        };
    }
}
