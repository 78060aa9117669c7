package dev.rehearsal.internal.flyway;

import dev.rehearsal.RehearsalException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.MigrationInfo;

/**
 * The text of a migration script as Flyway runs it: read from where Flyway found it, placeholders replaced.
 */
final class ScriptSource {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private ScriptSource() {
    }

    static String text(MigrationInfo migration, MigrationSettings settings, List<String> locations, String database) {
        String raw = read(migration, settings, locations);
        Map<String, String> values = new LinkedHashMap<>(settings.placeholders());
        values.putIfAbsent("flyway:defaultSchema", database);
        values.putIfAbsent("flyway:database", database);
        values.putIfAbsent("flyway:table", settings.table().orElse("flyway_schema_history"));
        values.putIfAbsent("flyway:filename", migration.getScript());
        Matcher m = PLACEHOLDER.matcher(raw);
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new RehearsalException("The script " + migration.getScript() + " uses the placeholder ${" + m.group(1)
                        + "}, which the rehearsal cannot fill in to resume it.\nTo fix this, give it in placeholders.");
            }
            m.appendReplacement(text, Matcher.quoteReplacement(value));
        }
        m.appendTail(text);
        return text.toString();
    }

    private static String read(MigrationInfo migration, MigrationSettings settings, List<String> locations) {
        String physical = migration.getPhysicalLocation();
        try {
            if (physical != null && !physical.isBlank() && Files.isRegularFile(Path.of(physical))) {
                return Files.readString(Path.of(physical), StandardCharsets.UTF_8);
            }
            for (String location : locations) {
                if (location.startsWith("classpath:")) {
                    String path = location.substring("classpath:".length()).replaceAll("^/+|/+$", "") + "/" + migration.getScript();
                    try (InputStream in = settings.classLoader().getResourceAsStream(path)) {
                        if (in != null) {
                            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                        }
                    }
                } else {
                    Path file = Path.of(location.replaceFirst("^filesystem:", ""), migration.getScript());
                    if (Files.isRegularFile(file)) {
                        return Files.readString(file, StandardCharsets.UTF_8);
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
