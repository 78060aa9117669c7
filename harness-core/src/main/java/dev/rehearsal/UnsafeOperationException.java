package dev.rehearsal;

/**
 * A destructive operation (drop, clean, switching to another database) was refused because it targets a
 * database the harness did not create.
 *
 * <p>The harness only ever drops or cleans databases it created itself in the same run.
 *
 * @since 0.1
 */
public class UnsafeOperationException extends RehearsalException {

    private static final long serialVersionUID = 1L;

    /**
     * Create an exception with a message.
     *
     * @param message what was refused, on which database, and what to do instead
     */
    public UnsafeOperationException(String message) {
        super(message);
    }
}
