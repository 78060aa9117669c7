package dev.rehearsal.data.internal;

import dev.rehearsal.Engine;
import dev.rehearsal.seed.spi.Seeder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Loads generated rows fast: PostgreSQL COPY, MySQL-family batched inserts (Connector/J rewrites them into
 * multi-row INSERTs, as the harness's connections ask).
 */
abstract class Loader {

    static Loader of(Seeder.Target target, Connection connection) {
        return target.engine() == Engine.POSTGRESQL ? new Copy(target, connection) : new Batches(target, connection);
    }

    final Connection connection;
    private final Seeder.Target target;

    Loader(Seeder.Target target, Connection connection) {
        this.target = target;
        this.connection = connection;
    }

    /** Start loading a table's rows into these columns. */
    abstract Sink open(String table, List<String> columns) throws SQLException;

    /** Turn foreign-key checks off or back on, for defects planted past them. */
    abstract void foreignKeyChecks(boolean on) throws SQLException;

    /** The name quoted as the harness quotes it, see {@link Seeder.Target#quote(String)}. */
    final String quote(String identifier) {
        return target.quote(identifier);
    }

    /**
     * Whether the engine's default collations compare text without case and trailing spaces, so that a unique index
     * sees {@code "Ann"} and {@code "ann "} as one value (the MySQL family's do, PostgreSQL's do not).
     */
    abstract boolean caselessText();

    /** What the engine needs after a table's rows are loaded, e.g. PostgreSQL's sequences moved past them. */
    void afterLoad(dev.rehearsal.schema.Table table, List<dev.rehearsal.schema.Column> columns) throws SQLException {
    }

    /** Receives a table's rows. */
    interface Sink extends AutoCloseable {
        void accept(Object[] row) throws SQLException;

        /** Finish: the rows are loaded. */
        @Override
        void close() throws SQLException;

        /** Give up: nothing more is sent, and what was sent is not committed by this sink. */
        void abort() throws SQLException;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** COPY ... FROM STDIN in text format, written in chunks as rows are generated. */
    static final class Copy extends Loader {

        private static final int CHUNK = 1 << 16;

        Copy(Seeder.Target target, Connection connection) {
            super(target, connection);
        }

        @Override
        boolean caselessText() {
            return false;
        }

        /** Move serial and identity sequences past the values loaded, so later inserts do not collide. */
        @Override
        void afterLoad(dev.rehearsal.schema.Table table, List<dev.rehearsal.schema.Column> columns) throws SQLException {
            for (dev.rehearsal.schema.Column column : columns) {
                if (column.generation() == dev.rehearsal.schema.Column.Generation.BY_DEFAULT
                        && column.type().kind() == dev.rehearsal.schema.ColumnType.Kind.INTEGER) {
                    String sql = "SELECT setval(pg_get_serial_sequence(?, ?), (SELECT COALESCE(MAX(" + quote(column.name())
                            + "), 0) + 1 FROM " + quote(table.name()) + "), false)";
                    try (java.sql.PreparedStatement st = connection.prepareStatement(sql)) {
                        st.setString(1, quote(table.name()));
                        st.setString(2, column.name());
                        st.execute();
                    }
                }
            }
        }

        @Override
        void foreignKeyChecks(boolean on) throws SQLException {
            try {
                execute(connection, on ? "RESET session_replication_role" : "SET session_replication_role = replica");
            } catch (SQLException e) {
                if (!on && "42501".equals(e.getSQLState())) {
                    throw new SQLException("bypassing foreign keys on PostgreSQL needs session_replication_role, which"
                            + " only a superuser may set: " + e.getMessage(), e.getSQLState(), e);
                }
                throw e;
            }
        }

        @Override
        Sink open(String table, List<String> columns) throws SQLException {
            String sql = "COPY " + quote(table) + " (" + columns.stream().map(this::quote).collect(Collectors.joining(", "))
                    + ") FROM STDIN";
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
            StringBuilder text = new StringBuilder(CHUNK + 1024);
            return new Sink() {
                @Override
                public void accept(Object[] row) throws SQLException {
                    for (int i = 0; i < row.length; i++) {
                        if (i > 0) {
                            text.append('\t');
                        }
                        append(text, row[i]);
                    }
                    text.append('\n');
                    if (text.length() >= CHUNK) {
                        flush();
                    }
                }

                private void flush() throws SQLException {
                    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
                    copy.writeToCopy(bytes, 0, bytes.length);
                    text.setLength(0);
                }

                @Override
                public void close() throws SQLException {
                    try {
                        if (text.length() > 0) {
                            flush();
                        }
                        copy.endCopy();
                    } finally {
                        if (copy.isActive()) {
                            copy.cancelCopy();
                        }
                    }
                }

                @Override
                public void abort() throws SQLException {
                    if (copy.isActive()) {
                        copy.cancelCopy();
                    }
                }
            };
        }

        /** A value in COPY text format: backslash escapes, {@code \N} for NULL. */
        static void append(StringBuilder text, Object value) {
            if (value == null) {
                text.append("\\N");
            } else if (value instanceof Boolean b) {
                text.append(b ? 't' : 'f');
            } else if (value instanceof byte[] bytes) {
                text.append("\\\\x").append(HexFormat.of().formatHex(bytes));
            } else if (value instanceof java.math.BigDecimal decimal) {
                text.append(decimal.toPlainString());
            } else if (value instanceof Number || value instanceof UUID) {
                text.append(value);
            } else if (value instanceof LocalDateTime time) {
                appendTimestamp(text, time);
            } else {
                String s = value.toString();
                if (!needsEscape(s)) {
                    text.append(s); // the common case: one array copy
                    return;
                }
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    switch (c) {
                        case '\\' -> text.append("\\\\");
                        case '\n' -> text.append("\\n");
                        case '\r' -> text.append("\\r");
                        case '\t' -> text.append("\\t");
                        default -> text.append(c);
                    }
                }
            }
        }
    }

    private static boolean needsEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' || c == '\n' || c == '\r' || c == '\t') {
                return true;
            }
        }
        return false;
    }

    /** {@code 2024-03-05 07:08:09}, written digit by digit: cheaper than formatting. */
    static void appendTimestamp(StringBuilder text, LocalDateTime time) {
        pad(text, time.getYear(), 4).append('-');
        pad(text, time.getMonthValue(), 2).append('-');
        pad(text, time.getDayOfMonth(), 2).append(' ');
        pad(text, time.getHour(), 2).append(':');
        pad(text, time.getMinute(), 2).append(':');
        pad(text, time.getSecond(), 2);
        if (time.getNano() != 0) {
            text.append('.');
            pad(text, time.getNano() / 1000, 6);
        }
    }

    private static StringBuilder pad(StringBuilder text, int value, int digits) {
        int limit = 1;
        for (int i = 1; i < digits; i++) {
            limit *= 10;
        }
        for (int d = limit; d > 1 && value < d; d /= 10) {
            text.append('0');
        }
        return text.append(value);
    }

    /** Prepared INSERT in batches; Connector/J sends each batch as multi-row INSERTs. */
    static final class Batches extends Loader {

        private static final int BATCH = 2_000;

        Batches(Seeder.Target target, Connection connection) {
            super(target, connection);
        }

        @Override
        boolean caselessText() {
            return true;
        }

        @Override
        void foreignKeyChecks(boolean on) throws SQLException {
            execute(connection, "SET foreign_key_checks = " + (on ? 1 : 0));
        }

        @Override
        Sink open(String table, List<String> columns) throws SQLException {
            String sql = "INSERT INTO " + quote(table) + " (" + columns.stream().map(this::quote)
                    .collect(Collectors.joining(", ")) + ") VALUES ("
                    + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
            PreparedStatement insert = connection.prepareStatement(sql);
            return new Sink() {
                private int pending;

                @Override
                public void accept(Object[] row) throws SQLException {
                    for (int i = 0; i < row.length; i++) {
                        bind(insert, i + 1, row[i]);
                    }
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }

                @Override
                public void close() throws SQLException {
                    try {
                        if (pending > 0) {
                            insert.executeBatch();
                        }
                    } finally {
                        insert.close();
                    }
                }

                @Override
                public void abort() throws SQLException {
                    insert.close();
                }
            };
        }

        static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.NULL);
            } else if (value instanceof OffsetDateTime offset) {
                statement.setObject(index, offset.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
            } else if (value instanceof LocalDateTime || value instanceof java.time.LocalDate
                    || value instanceof java.time.LocalTime) {
                statement.setObject(index, value);
            } else if (value instanceof UUID uuid) {
                statement.setString(index, uuid.toString());
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(index, bytes);
            } else if (value instanceof Boolean b) {
                statement.setBoolean(index, b);
            } else {
                statement.setObject(index, value);
            }
        }
    }
}
