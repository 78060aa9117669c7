package dev.rehearsal.internal.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A folder in memory for an embedded server's data, where the machine has one with room: Linux's {@code /dev/shm}.
 * An embedded server lives as long as the test run and nothing it holds must survive it, so its writes need not reach
 * a disk. Measured on the project's build machines (a VM whose disk dominates): a 32 MB PostgreSQL database copied in
 * 21–41 ms there, against 262–296 ms on disk.
 */
final class MemoryFolder {

    /** Free space the folder's file system must have: data of a run's databases, far above what tests seed. */
    static final long NEEDED = 2L << 30;

    private static final Path SHARED_MEMORY = Path.of("/dev/shm");

    private MemoryFolder() {
    }

    /**
     * A new folder in memory, named after the prefix; empty where there is none with room (macOS, Windows, a container
     * with the default 64 MB {@code /dev/shm}), for the caller to use its temporary folder.
     */
    static Optional<Path> create(String prefix) {
        try {
            if (!Files.isDirectory(SHARED_MEMORY) || !Files.isWritable(SHARED_MEMORY)
                    || Files.getFileStore(SHARED_MEMORY).getUsableSpace() < NEEDED) {
                return Optional.empty();
            }
            return Optional.of(Files.createTempDirectory(SHARED_MEMORY, prefix));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
