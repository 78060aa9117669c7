package dev.rehearsal.internal.state;

import dev.rehearsal.Engine;
import dev.rehearsal.internal.flyway.MigrationSettings;
import java.io.IOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What the files under a rehearsal's migration locations look like now, read cheaply: each file's path, size and
 * modification time (for a location in a jar, the jar's). Two equal stamps mean Flyway would resolve the same scripts,
 * so what it resolved for the first stands for the second, and a state's key costs a listing instead of a resolution
 * (reading and checksumming every script through a connection). Empty where the locations cannot be listed this way:
 * another URL scheme, or Flyway properties that find migrations elsewhere.
 */
final class LocationStamp {

    private LocationStamp() {
    }

    static Optional<String> of(MigrationSettings settings, Engine engine) {
        boolean elsewhere = settings.flywayProperties().keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> k.startsWith("flyway.locations") || k.startsWith("flyway.resolvers")
                        || k.startsWith("flyway.javamigration") || k.startsWith("flyway.resourceprovider")
                        || k.startsWith("flyway.classprovider"));
        if (elsewhere) {
            return Optional.empty();
        }
        StringBuilder stamp = new StringBuilder();
        try {
            for (String location : settings.locationsFor(engine)) {
                stamp.append(location).append('\n');
                if (location.startsWith("classpath:")) {
                    String path = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
                    for (URL url : Collections.list(settings.classLoader().getResources(path))) {
                        if (!stamp(url, stamp)) {
                            return Optional.empty();
                        }
                    }
                } else if (location.startsWith("filesystem:")) {
                    files(Path.of(location.substring("filesystem:".length())), stamp);
                } else {
                    return Optional.empty();
                }
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // Flyway resolves it, and says what it cannot read
        }
        return Optional.of(stamp.toString());
    }

    private static boolean stamp(URL url, StringBuilder stamp) throws IOException {
        try {
            if ("file".equals(url.getProtocol())) {
                files(Path.of(url.toURI()), stamp);
                return true;
            }
            if ("jar".equals(url.getProtocol()) && url.openConnection() instanceof JarURLConnection jar
                    && "file".equals(jar.getJarFileURL().getProtocol())) {
                file(Path.of(jar.getJarFileURL().toURI()), stamp);
                stamp.append(jar.getEntryName()).append('\n');
                return true;
            }
            return false;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void files(Path folder, StringBuilder stamp) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                file(file, stamp);
            }
        }
    }

    private static void file(Path file, StringBuilder stamp) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        stamp.append(file).append(' ').append(attributes.size()).append(' ')
                .append(attributes.lastModifiedTime().toInstant()).append('\n');
    }
}
