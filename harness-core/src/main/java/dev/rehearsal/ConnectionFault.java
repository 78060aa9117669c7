package dev.rehearsal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A lost connection, rehearsed at a chosen statement of a migration: the harness puts a fault point of its own (a TCP
 * relay on loopback) between the driver and the server for the step, and when the migration reaches the statement it
 * closes the connections, resets them, or freezes them (no byte passes either way; the driver waits until
 * {@link RehearsalSettings#SOCKET_TIMEOUT}). Only the connections of that step to the rehearsal's own database pass
 * through it; nothing else is touched.
 * <pre>{@code
 * StepOutcome cut = rehearsal.migrateTo("5", ConnectionFault.reset().atStatement(3));
 * StepOutcome late = rehearsal.migrateTo("5", ConnectionFault.close().atStatement(3).after(Duration.ofMillis(200)));
 * StepOutcome lost = rehearsal.migrateTo("5", ConnectionFault.close().afterLastStatement());
 * }</pre>
 *
 * <p>The step fails with {@link FailureClass#CONNECTION_LOST} at that statement; its detail says when the fault
 * struck, how long the driver took to notice and when the server ended the session, and the step's
 * {@link StepOutcome#leftBehind() left-behind} what the server kept (the MySQL family commits each DDL statement, so a
 * statement it finished after the client was gone stays; PostgreSQL rolls the transaction back).
 *
 * @since 0.1
 */
public final class ConnectionFault {

    /** What the fault does to the connections. */
    public enum Kind {
        /** Close them: the peers see the connection end (FIN). */
        CLOSE,
        /** Reset them (RST), as a firewall or a restarted proxy does. */
        RESET,
        /** Let no byte pass either way, the sockets open, as a network partition does: noticed only by a timeout. */
        FREEZE
    }

    private final Kind kind;
    private final int statement;
    private final Duration delay;

    private ConnectionFault(Kind kind, int statement, Duration delay) {
        this.kind = kind;
        this.statement = statement;
        this.delay = delay;
    }

    /**
     * Return a fault that closes the connections, before the first statement unless said otherwise.
     *
     * @return the fault; never {@code null}
     */
    public static ConnectionFault close() {
        return new ConnectionFault(Kind.CLOSE, 1, Duration.ZERO);
    }

    /**
     * Return a fault that resets the connections, before the first statement unless said otherwise.
     *
     * @return the fault; never {@code null}
     */
    public static ConnectionFault reset() {
        return new ConnectionFault(Kind.RESET, 1, Duration.ZERO);
    }

    /**
     * Return a fault that freezes the connections, before the first statement unless said otherwise.
     *
     * @return the fault; never {@code null}
     */
    public static ConnectionFault freeze() {
        return new ConnectionFault(Kind.FREEZE, 1, Duration.ZERO);
    }

    /**
     * Return this fault at a statement of the migration: as the statement is about to be sent, or {@link #after} a
     * delay while it runs.
     *
     * @param statement the statement's number in its script, from 1, as verdicts count them
     * @return the fault at that statement; never {@code null}
     * @throws IllegalArgumentException if the number is below 1
     */
    public ConnectionFault atStatement(int statement) {
        if (statement < 1) {
            throw new IllegalArgumentException("atStatement(" + statement + "): statements are numbered from 1, as"
                    + " verdicts count them.\nTo fix this, give 1 for the first statement of the script.");
        }
        return new ConnectionFault(kind, statement, delay);
    }

    /**
     * Return this fault after the migration's last statement ran and before Flyway records it (its history row, and on
     * PostgreSQL its commit): the cut that loses the history row of a migration whose changes stayed.
     *
     * @return the fault there; never {@code null}
     */
    public ConnectionFault afterLastStatement() {
        return new ConnectionFault(kind, Integer.MAX_VALUE, Duration.ZERO);
    }

    /**
     * Return this fault a delay after its statement was sent, while the server runs it: a statement the server
     * finishes after the client is gone shows in what the step left behind.
     *
     * @param delay how long after the statement was sent; zero for as it is sent
     * @return the fault after that delay; never {@code null}
     * @throws IllegalArgumentException if the delay is negative, or the fault is after the last statement
     */
    public ConnectionFault after(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("after(" + delay + "): a delay is zero or more.");
        }
        if (statement == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("after(" + delay + ") on " + this + ": nothing runs there to strike"
                    + " during.\nTo fix this, use atStatement(k).after(delay) for the time inside statement k.");
        }
        return new ConnectionFault(kind, statement, delay);
    }

    /**
     * Return what the fault does.
     *
     * @return the kind; never {@code null}
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Return the statement the fault strikes at.
     *
     * @return its number from 1; empty for {@link #afterLastStatement()}
     */
    public Optional<Integer> statement() {
        return statement == Integer.MAX_VALUE ? Optional.empty() : Optional.of(statement);
    }

    /**
     * Return how long after its statement was sent the fault strikes.
     *
     * @return the delay; zero for as it is sent
     */
    public Duration delay() {
        return delay;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConnectionFault that && kind == that.kind && statement == that.statement
                && delay.equals(that.delay);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, statement, delay);
    }

    /** E.g. {@code reset at statement 3, 200 ms after it was sent}. */
    @Override
    public String toString() {
        String what = kind.name().toLowerCase(java.util.Locale.ROOT);
        if (statement == Integer.MAX_VALUE) {
            return what + " after the last statement, before the migration is recorded";
        }
        return what + " at statement " + statement + (delay.isZero() ? ", as it is sent"
                : ", " + delay.toMillis() + " ms after it was sent");
    }
}
