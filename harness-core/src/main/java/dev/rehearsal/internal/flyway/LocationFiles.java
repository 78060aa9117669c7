package dev.rehearsal.internal.flyway;

import dev.rehearsal.Engine;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files under a rehearsal's migration locations, read cheaply: each one's name and a stamp (path, size,
 * modification time; for a location in a jar, the jar's). Empty where the locations cannot be listed this way: another
 * URL scheme, a pattern of folders, or Flyway properties that find migrations elsewhere.
 */
public final class LocationFiles {

    /**
     * A file of a location.
     *
     * @param name its name, without folders
     * @param stamp what changes when it does
     */
    public record Entry(String name, String stamp) {
    }

    private LocationFiles() {
    }

    public static Optional<List<Entry>> of(MigrationSettings settings, Engine engine) {
        boolean elsewhere = settings.flywayProperties().keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> k.startsWith("flyway.locations") || k.startsWith("flyway.resolvers")
                        || k.startsWith("flyway.javamigration") || k.startsWith("flyway.resourceprovider")
                        || k.startsWith("flyway.classprovider") || k.startsWith("flyway.callbacklocations"));
        if (elsewhere) {
            return Optional.empty();
        }
        List<Entry> entries = new ArrayList<>();
        try {
            for (String location : settings.locationsFor(engine)) {
                if (location.contains("*") || location.contains("?")) {
                    return Optional.empty(); // a pattern of folders: Flyway expands it, a listing here would not
                }
                entries.add(new Entry("", location));
                if (location.startsWith("classpath:")) {
                    String path = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
                    for (URL url : Collections.list(settings.classLoader().getResources(path))) {
                        if (!list(url, path, entries)) {
                            return Optional.empty();
                        }
                    }
                } else if (location.startsWith("filesystem:")) {
                    files(Path.of(location.substring("filesystem:".length())), entries);
                } else {
                    return Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // Flyway resolves it, and says what it cannot read
        }
        return Optional.of(entries);
    }

    private static boolean list(URL url, String path, List<Entry> entries) throws IOException {
        try {
            if ("file".equals(url.getProtocol())) {
                files(Path.of(url.toURI()), entries);
                return true;
            }
            if ("jar".equals(url.getProtocol()) && url.openConnection() instanceof JarURLConnection connection
                    && "file".equals(connection.getJarFileURL().getProtocol())) {
                Path jar = Path.of(connection.getJarFileURL().toURI());
                String jarStamp = stamp(jar);
                try (JarFile file = new JarFile(jar.toFile())) {
                    file.stream().filter(e -> !e.isDirectory() && e.getName().startsWith(path + "/"))
                            .forEach(e -> entries.add(new Entry(e.getName().substring(e.getName().lastIndexOf('/') + 1),
                                    jarStamp + " " + e.getName() + " " + e.getSize() + " " + e.getCrc())));
                }
                return true;
            }
            return false;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void files(Path folder, List<Entry> entries) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.add(new Entry(file.getFileName().toString(), stamp(file)));
            }
        }
    }

    private static String stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return file + " " + attributes.size() + " " + attributes.lastModifiedTime().toInstant();
    }

    /**
     * Whether the locations hold SQL callbacks (Flyway runs {@code beforeMigrate.sql}, {@code afterEachMigrate__x.sql}
     * … around the migrations): true too when they cannot be listed.
     */
    public static boolean holdCallbacks(MigrationSettings settings, Engine engine) {
        Optional<List<Entry>> entries = of(settings, engine);
        if (entries.isEmpty()) {
            return true;
        }
        List<String> events = java.util.Arrays.stream(org.flywaydb.core.api.callback.Event.values())
                .map(org.flywaydb.core.api.callback.Event::getId).toList();
        return entries.get().stream().map(Entry::name).filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".sql"))
                .anyMatch(name -> events.stream().anyMatch(id -> name.equals(id + ".sql") || name.startsWith(id + "__")));
    }
}
