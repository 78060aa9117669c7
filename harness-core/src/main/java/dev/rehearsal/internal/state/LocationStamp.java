package dev.rehearsal.internal.state;

import dev.rehearsal.Engine;
import dev.rehearsal.internal.flyway.LocationFiles;
import dev.rehearsal.internal.flyway.MigrationSettings;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the files under a rehearsal's migration locations look like now ({@link LocationFiles}): two equal stamps mean
 * Flyway would resolve the same scripts and run the same callbacks, so what it resolved for the first stands for the
 * second, and a state's key costs a listing instead of a resolution (reading and checksumming every script through a
 * connection). Empty where the locations cannot be listed this way.
 */
final class LocationStamp {

    private LocationStamp() {
    }

    static Optional<String> of(MigrationSettings settings, Engine engine) {
        return LocationFiles.of(settings, engine)
                .map(entries -> entries.stream().map(LocationFiles.Entry::stamp).collect(Collectors.joining("\n")));
    }
}
