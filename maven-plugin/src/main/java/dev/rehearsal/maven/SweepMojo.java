package dev.rehearsal.maven;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.RehearsalException;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.sweep.SweepPolicy;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * Sweep every Flyway migration of the project with no test code: for each version, realistic rows at the version
 * before and then the migration, and realistic rows plus each defect derived from the migration. Writes
 * {@code rehearsal-sweep.html}, {@code .json} and {@code .md} to {@code target/rehearsal} and applies the policy.
 *
 * <pre>
 * mvn rehearsal:sweep                                        # the project's plugin declaration, or:
 * mvn dev.rehearsal:rehearsal-maven-plugin:0.1.0:sweep -Drehearsal.sweep.engines=postgresql,mariadb
 * </pre>
 *
 * Servers are chosen by the same {@code rehearsal.*} settings as the JUnit extension ({@code -Drehearsal.mariadb.url=},
 * images, timeouts), given as {@code -D} properties, project properties or {@code <settings>}.
 */
@Mojo(name = "sweep", defaultPhase = LifecyclePhase.VERIFY, requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public class SweepMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    private MavenSession session;

    /** Flyway locations; default Flyway's {@code classpath:db/migration}, or Spring Boot's with {@code springBoot}. */
    @Parameter(property = "rehearsal.sweep.locations")
    private List<String> locations;

    /** Flyway placeholders the scripts use. */
    @Parameter
    private Map<String, String> placeholders;

    /** Read the locations, placeholders and Flyway settings from the project's Spring Boot configuration. */
    @Parameter(property = "rehearsal.sweep.springBoot", defaultValue = "false")
    private boolean springBoot;

    /** The Spring profiles whose configuration applies, with {@code springBoot}. */
    @Parameter(property = "rehearsal.sweep.springBootProfiles")
    private List<String> springBootProfiles;

    /** The engines to sweep on, comma-separated: {@code postgresql}, {@code mysql}, {@code mariadb}. */
    @Parameter(property = "rehearsal.sweep.engines", defaultValue = "postgresql")
    private List<String> engines;

    /** What fails the build: {@code REPORT_ONLY}, {@code FAIL_ON_REALISTIC_DATA} or {@code FAIL_ON_UNSAFE}. */
    @Parameter(property = "rehearsal.sweep.policy", defaultValue = "FAIL_ON_UNSAFE")
    private String policy;

    /** The findings of released migrations, which do not fail the build; read when the file exists. */
    @Parameter(property = "rehearsal.sweep.baseline", defaultValue = "${project.basedir}/rehearsal-baseline.txt")
    private File baseline;

    /** Record this sweep's findings as the baseline instead of applying the policy. */
    @Parameter(property = "rehearsal.sweep.recordBaseline", defaultValue = "false")
    private boolean recordBaseline;

    /** Where the reports go. */
    @Parameter(property = "rehearsal.sweep.outputDirectory", defaultValue = "${project.build.directory}/rehearsal")
    private File outputDirectory;

    /** The seed of the realistic rows: the same seed on the same history gives the same rows. */
    @Parameter(property = "rehearsal.sweep.seed", defaultValue = "1")
    private long seed;

    /** Rows seeded per table. */
    @Parameter(property = "rehearsal.sweep.rowsPerTable", defaultValue = "100")
    private int rowsPerTable;

    /** Columns the application always fills though the schema allows NULL, each {@code table.column}. */
    @Parameter
    private List<String> requiredInPractice;

    /** Columns whose values never repeat in practice though no key says so: {@code table.column} or {@code table.a+b}. */
    @Parameter
    private List<String> uniqueInPractice;

    /** How often a nullable column is NULL in realistic rows: {@code <orders.note>0.05</orders.note>}. */
    @Parameter
    private Map<String, String> nullRates;

    /** {@code rehearsal.*} settings, e.g. {@code <rehearsal.mariadb.url>jdbc:mysql://127.0.0.1:3306/</rehearsal.mariadb.url>}. */
    @Parameter
    private Map<String, String> settings;

    /** Run the derived-defect cases; {@code false} runs the realistic pass only (the defects are still listed). */
    @Parameter(property = "rehearsal.sweep.defectCases", defaultValue = "true")
    private boolean defectCases;

    /** When the repeatable migrations run: {@code AT_EACH_STEP} (as Flyway does) or {@code AT_THE_END}. */
    @Parameter(property = "rehearsal.sweep.repeatables", defaultValue = "AT_EACH_STEP")
    private String repeatables;

    /** Skip the sweep. */
    @Parameter(property = "rehearsal.sweep.skip", defaultValue = "false")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("rehearsal: sweep skipped (rehearsal.sweep.skip)");
            return;
        }
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader projectLoader = projectClassLoader()) {
            Thread.currentThread().setContextClassLoader(projectLoader);
            SweepRun.Outcome outcome = sweep(projectLoader).run();
            summary(outcome);
            if (!outcome.violations().isEmpty()) {
                throw new MojoFailureException("The sweep found " + outcome.violations().size() + " failing case(s) under"
                        + " the policy " + policy.strip().toUpperCase(java.util.Locale.ROOT) + ":\n  - "
                        + String.join("\n  - ", outcome.violations()) + "\nReport: " + outcome.reports().html()
                        + "\nTo fix this, fix the data first in a migration before the failing one (never edit a released"
                        + " one), or accept the findings of released migrations with a baseline:"
                        + " -Drehearsal.sweep.recordBaseline=true (written to " + baseline + ").");
            }
        } catch (RehearsalException e) {
            throw new MojoExecutionException("rehearsal:sweep: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("rehearsal:sweep: " + e.getMessage(), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private SweepRun sweep(ClassLoader projectLoader) {
        List<Engine> chosen = SweepRun.engines(engines, "<engines>");
        SweepPolicy chosenPolicy = SweepRun.policy(policy, "<policy>");
        Migrations migrations = SweepRun.migrations(locations == null ? List.of() : locations, springBoot,
                springBootProfiles == null ? List.of() : springBootProfiles, placeholders == null ? Map.of() : placeholders,
                projectLoader, "rehearsal-maven-plugin in " + project.getFile());
        RehearsalSettings rehearsalSettings = RehearsalSettings.from(key -> Optional.ofNullable(settings == null ? null
                : settings.get(key))
                .or(() -> Optional.ofNullable(session.getUserProperties().getProperty(key)))
                .or(() -> Optional.ofNullable(project.getProperties().getProperty(key)))
                .or(() -> Optional.ofNullable(System.getProperty(key)))
                // the progress lines and the reports say what happened; every step's verdict only when asked for
                .or(() -> key.equals(RehearsalSettings.REPORT_ENABLED) ? Optional.of("false") : Optional.empty()));
        return new SweepRun(chosen, migrations, rehearsalSettings, chosenPolicy, baseline.toPath(), recordBaseline,
                outputDirectory.toPath(), seed, rowsPerTable, SweepRun.hints(
                        requiredInPractice == null ? List.of() : requiredInPractice,
                        uniqueInPractice == null ? List.of() : uniqueInPractice, nullRates == null ? Map.of() : nullRates),
                defectCases, SweepRun.repeatables(repeatables, "<repeatables>"),
                line -> getLog().info("rehearsal sweep: " + line));
    }

    /** The project's classes, resources and test dependencies, where Flyway finds the scripts and Java migrations. */
    private URLClassLoader projectClassLoader() throws MojoExecutionException {
        List<URL> urls = new ArrayList<>();
        try {
            for (String element : project.getTestClasspathElements()) {
                urls.add(new File(element).toURI().toURL());
            }
            if (!new File(project.getBuild().getOutputDirectory()).isDirectory()) {
                // the goal run alone (mvn rehearsal:sweep), before any build: the scripts are where the sources keep them
                for (org.apache.maven.model.Resource resource : project.getResources()) {
                    if (resource.getTargetPath() == null && new File(resource.getDirectory()).isDirectory()) {
                        urls.add(new File(resource.getDirectory()).toURI().toURL());
                        getLog().info("rehearsal: " + project.getBuild().getOutputDirectory() + " does not exist yet, so"
                                + " the migrations are read from " + resource.getDirectory());
                    }
                }
            }
        } catch (DependencyResolutionRequiredException | MalformedURLException e) {
            throw new MojoExecutionException("rehearsal:sweep could not read the project's class path: " + e.getMessage(), e);
        }
        return new URLClassLoader(urls.toArray(URL[]::new), getClass().getClassLoader());
    }

    /** The Markdown summary in a GitHub Actions job summary, when the build runs there. */
    private void summary(SweepRun.Outcome outcome) throws IOException {
        String summaryFile = System.getenv("GITHUB_STEP_SUMMARY");
        if (summaryFile != null && !summaryFile.isBlank()) {
            Files.writeString(Path.of(summaryFile), Files.readString(outcome.reports().markdown()) + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }
}
