package dev.rehearsal.support;

/**
 * Public Flyway histories nobody on this project wrote, kept in the test resources under {@code corpus/} with
 * their upstream LICENSE and NOTICE (Apache-2.0), and shared with the other modules' tests through the test-jar.
 */
public final class Corpus {

    private Corpus() {
    }

    /** A Flyway {@code classpath:} location for a corpus folder; fails loudly if the folder is not on the classpath. */
    public static String location(String folder) {
        String path = "corpus/" + folder;
        if (Corpus.class.getClassLoader().getResource(path + "/NOTICE.txt") == null) {
            throw new IllegalStateException("The migration corpus folder " + path + " is not on the test classpath."
                    + " It lives in harness-core/src/test/resources/corpus and reaches other modules through the"
                    + " harness-core test-jar.");
        }
        return "classpath:" + path;
    }
}
