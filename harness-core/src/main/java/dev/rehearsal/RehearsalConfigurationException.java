package dev.rehearsal;

/**
 * A setting, annotation attribute or argument has a value the harness cannot use.
 *
 * <p>The message names the setting, the value, and the fix.
 *
 * @since 0.1
 */
public class RehearsalConfigurationException extends RehearsalException {

    private static final long serialVersionUID = 1L;

    /**
     * Create an exception with a message.
     *
     * @param message what is wrong, with which setting and value, and how to fix it
     */
    public RehearsalConfigurationException(String message) {
        super(message);
    }

    /**
     * Create an exception with a message and a cause.
     *
     * @param message what is wrong, with which setting and value, and how to fix it
     * @param cause the underlying exception; may be {@code null}
     */
    public RehearsalConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
