package dev.rehearsal;

/**
 * The database server for an engine cannot be provided: the configured server is unreachable or refuses the
 * credentials, no Docker environment is available for a named image, or an embedded server fails to start.
 *
 * <p>Never a silent skip: a rehearsal that cannot get its database fails, and the message says how to
 * provide one.
 *
 * @since 0.1
 */
public class DatabaseUnavailableException extends RehearsalException {

    private static final long serialVersionUID = 1L;

    /**
     * Create an exception with a message and a cause.
     *
     * @param message what could not be provided, why, and how to fix it
     * @param cause the underlying exception; may be {@code null}
     */
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
