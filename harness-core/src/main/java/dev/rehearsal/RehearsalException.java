package dev.rehearsal;

/**
 * The root of the exceptions the harness throws.
 *
 * <p>Thrown directly when a request does not fit the rehearsal's state, e.g. asking for the next migration
 * when none is pending. The subclasses name the situations a user acts on differently: a bad setting
 * ({@link RehearsalConfigurationException}), a database that cannot be provided
 * ({@link DatabaseUnavailableException}), a destructive operation refused ({@link UnsafeOperationException}).
 *
 * <p>A migration that fails is not an exception: it is a {@link StepOutcome} to assert on.
 *
 * @since 0.1
 */
public class RehearsalException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Create an exception with a message.
     *
     * @param message what failed, why, and how to fix it
     */
    public RehearsalException(String message) {
        super(message);
    }

    /**
     * Create an exception with a message and a cause.
     *
     * @param message what failed, why, and how to fix it
     * @param cause the underlying exception; may be {@code null}
     */
    public RehearsalException(String message, Throwable cause) {
        super(message, cause);
    }
}
