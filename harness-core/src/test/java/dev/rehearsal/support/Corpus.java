package dev.rehearsal.support;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The public Flyway histories in {@code ../shared/corpus}, beside the checkout.
 */
public final class Corpus {

    private Corpus() {
    }

    /** A Flyway {@code filesystem:} location for a corpus folder; fails loudly if the corpus is not there. */
    public static String location(String folder) {
        Path root = Path.of(System.getProperty("tests.corpusDir", "../../shared/corpus")).toAbsolutePath().normalize();
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("The migration corpus folder " + dir + " is missing. The build expects the"
                    + " shared folder beside the checkout (../shared/corpus); set -Dtests.corpusDir to its path.");
        }
        return "filesystem:" + dir;
    }
}
