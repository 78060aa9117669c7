package dev.rehearsal.internal.flyway;

import dev.rehearsal.RehearsalException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.parser.PlaceholderReplacingReader;

/**
 * The text of a migration script as Flyway runs it: read from where Flyway found it, placeholders replaced by
 * Flyway's own reader (its prefix, suffix and separator, names matched without regard to case, a missing value
 * refused). Flyway does not promise {@code PlaceholderReplacingReader}; this class and {@link FlywayInternals} are the
 * two places that touch Flyway's internals.
 */
final class ScriptSource {

    private ScriptSource() {
    }

    /**
     * @param config the configuration Flyway migrates with: its placeholders (from the annotation and from
     *     {@code flywayProperties}), their prefix and suffix, and the encoding
     */
    static String text(MigrationInfo migration, Configuration config, List<String> locations, String database) {
        Charset encoding = config.getEncoding() == null ? StandardCharsets.UTF_8 : config.getEncoding();
        String raw = read(migration, config.getClassLoader(), encoding, locations);
        if (!config.isPlaceholderReplacement()) {
            return raw;
        }
        ParsingContext context = new ParsingContext();
        Map<String, String> builtIn = context.getPlaceholders();
        builtIn.put("flyway:defaultSchema", database);
        builtIn.put("flyway:database", database);
        builtIn.put("flyway:table", config.getTable());
        builtIn.put("flyway:filename", migration.getScript());
        try (Reader replaced = PlaceholderReplacingReader.create(config, context, new StringReader(raw))) {
            StringWriter text = new StringWriter(raw.length());
            replaced.transferTo(text);
            return text.toString();
        } catch (FlywayException missing) {
            throw new RehearsalException("The script " + migration.getScript() + " cannot be read to resume it: "
                    + missing.getMessage() + "\nTo fix this, give the placeholder in placeholders, or as"
                    + " flyway.placeholders.<name> in flywayProperties.", missing);
        } catch (IOException e) {
            throw new RehearsalException("Could not read the script " + migration.getScript() + ": " + e.getMessage(), e);
        }
    }

    private static String read(MigrationInfo migration, ClassLoader classLoader, Charset encoding, List<String> locations) {
        String physical = migration.getPhysicalLocation();
        try {
            if (physical != null && !physical.isBlank() && Files.isRegularFile(Path.of(physical))) {
                return Files.readString(Path.of(physical), encoding);
            }
            for (String location : locations) {
                if (location.startsWith("classpath:")) {
                    String path = location.substring("classpath:".length()).replaceAll("^/+|/+$", "") + "/" + migration.getScript();
                    try (InputStream in = classLoader.getResourceAsStream(path)) {
                        if (in != null) {
                            return new String(in.readAllBytes(), encoding);
                        }
                    }
                } else {
                    Path file = Path.of(location.replaceFirst("^filesystem:", ""), migration.getScript());
                    if (Files.isRegularFile(file)) {
                        return Files.readString(file, encoding);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new RehearsalException("Could not read the script " + migration.getScript() + ": " + e.getMessage(), e);
        }
        throw new RehearsalException("Could not find the script " + migration.getScript() + " in " + locations
                + " to resume it.");
    }
}
