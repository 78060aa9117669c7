package dev.rehearsal.internal.flyway;

import dev.rehearsal.RehearsalException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.Configuration;

/**
 * The text of a migration script as Flyway runs it: read from where Flyway found it, placeholders replaced.
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
        Map<String, String> values = new LinkedHashMap<>(config.getPlaceholders());
        values.putIfAbsent("flyway:defaultSchema", database);
        values.putIfAbsent("flyway:database", database);
        values.putIfAbsent("flyway:table", config.getTable());
        values.putIfAbsent("flyway:filename", migration.getScript());
        Pattern placeholder = Pattern.compile(Pattern.quote(config.getPlaceholderPrefix()) + "(.+?)"
                + Pattern.quote(config.getPlaceholderSuffix()));
        Matcher m = placeholder.matcher(raw);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new RehearsalException("The script " + migration.getScript() + " uses the placeholder "
                        + m.group() + ", which the rehearsal cannot fill in to resume it.\nTo fix this, give it in"
                        + " placeholders, or as flyway.placeholders." + m.group(1) + " in flywayProperties.");
            }
            m.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        m.appendTail(text);
        return text.toString();
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
