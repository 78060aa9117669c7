package dev.rehearsal.schema;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A primary key or unique constraint: values of its columns, taken together, are unique.
 *
 * @param name the constraint's name
 * @param columns its columns, in order
 * @since 0.1
 */
public record Key(String name, List<String> columns) {

    /**
     * Create a key.
     *
     * @param name the constraint's name
     * @param columns its columns, in order
     * @throws NullPointerException if a component is {@code null}
     */
    public Key {
        requireNonNull(name, "name");
        columns = List.copyOf(columns);
    }
}
