package dev.rehearsal.junit;

import dev.rehearsal.Engine;
import dev.rehearsal.Migrations;
import dev.rehearsal.Rehearsal;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.RehearsalServer;
import dev.rehearsal.ServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The extension behind {@link MigrationRehearsal} and {@link RehearsalTest}.
 *
 * <p>State lives in the JUnit store only: servers in the root store, keyed by their spec, shared by the run and
 * closed at its end; each test's database in that test's store, dropped after it. Safe under parallel execution.
 */
final class MigrationRehearsalExtension
        implements BeforeEachCallback, ParameterResolver, AfterEachCallback, TestTemplateInvocationContextProvider {

    static final Namespace NAMESPACE = Namespace.create(MigrationRehearsalExtension.class);
    static final String ENGINE = "engine";
    private static final String DATABASE = "database";
    private static final String KEYS_CHECKED = "configuration keys checked";

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        boolean ours = type == Rehearsal.class || mistaken(type)
                || parameter.isAnnotated(RehearsalDataSource.class);
        return ours && parameter.getDeclaringExecutable() instanceof Method
                && RehearsalDeclaration.find(context.getRequiredTestClass()).isPresent();
    }

    /**
     * Types a rehearsal's test plausibly asks for and gets no value of: claimed, so that the test fails with our
     * message naming the types we inject, rather than JUnit's "No ParameterResolver registered". Types of other
     * libraries stay unclaimed, for their own resolvers.
     */
    private static boolean mistaken(Class<?> type) {
        return type == java.sql.Connection.class || type.getName().equals("org.flywaydb.core.Flyway")
                || (type.getPackageName().startsWith("dev.rehearsal") && type != Rehearsal.class);
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("A " + parameter.getParameter().getType().getSimpleName()
                    + " belongs to one test: it cannot be injected into " + parameter.getDeclaringExecutable()
                    + ".\nTo fix this, take it as a parameter of the test method, or of a @BeforeEach or @AfterEach method.");
        }
        Class<?> type = parameter.getParameter().getType();
        if (mistaken(type)) {
            String why = type == java.sql.Connection.class
                    ? " A connection held open across the rehearsal's steps would hold locks that its migrations wait"
                            + " for; take the DataSource and open connections in try-with-resources, or call"
                            + " rehearsal.execute(...) and rehearsal.queryForLong(...)."
                    : type.getName().equals("org.flywaydb.core.Flyway")
                            ? " The rehearsal runs Flyway itself, with the test's settings; its steps are"
                                    + " rehearsal.migrateTo(version), migrateToNext() and migrateToLatest()."
                            : "";
            throw new ParameterResolutionException("@MigrationRehearsal cannot inject a " + type.getName() + " into "
                    + parameter.getDeclaringExecutable().getName() + "(): it injects a " + Rehearsal.class.getName()
                    + " or a " + DataSource.class.getName() + " of the test's database marked @RehearsalDataSource." + why
                    + "\nTo fix this, declare the parameter as Rehearsal, or as @RehearsalDataSource DataSource.");
        }
        if (type != Rehearsal.class && type != DataSource.class) {
            throw new ParameterResolutionException("@RehearsalDataSource marks a " + type.getName() + " parameter of "
                    + parameter.getDeclaringExecutable().getName() + "(), which is no DataSource.\nTo fix this, declare"
                    + " it as javax.sql.DataSource, or remove @RehearsalDataSource.");
        }
        Rehearsal rehearsal = database(context).rehearsal();
        return type == Rehearsal.class ? rehearsal : rehearsal.dataSource();
    }

    /**
     * Open the test's database, and seed it, before the test when the test method takes it or declares a seed: a
     * failure to start a server, migrate or seed is then the test's own failure, reported once, rather than wrapped
     * in a parameter resolution. A {@code @BeforeEach} method alone that takes it still opens it on demand.
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        prepare(context);
    }

    /**
     * The work of {@link #beforeEach}, also called by a {@link RehearsalTest} invocation once it has bound its engine
     * (its own callback runs after this extension's). Opening twice opens once.
     */
    static void prepare(ExtensionContext context) {
        Method method = context.getRequiredTestMethod();
        Optional<RehearsalDeclaration> declaration = RehearsalDeclaration.find(context.getRequiredTestClass());
        if (declaration.isEmpty()) {
            return;
        }
        boolean unbound = context.getStore(NAMESPACE).get(ENGINE, Engine.class) == null;
        if (unbound && AnnotationSupport.isAnnotated(method, RehearsalTest.class)) {
            return; // the invocation binds its engine next, and prepares then
        }
        boolean takesIt = Arrays.stream(method.getParameters()).anyMatch(p -> p.getType() == Rehearsal.class
                || p.isAnnotationPresent(RehearsalDataSource.class));
        if (takesIt || SeedDeclaration.find(method, context.getRequiredTestClass()).isPresent()) {
            database(context);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        DatabaseResource database = context.getStore(NAMESPACE).remove(DATABASE, DatabaseResource.class);
        if (database == null) {
            return;
        }
        boolean keep = false;
        try {
            keep = context.getExecutionException().isPresent()
                    && settings(context).flag(RehearsalSettings.KEEP_FAILED_DATABASES, false);
        } finally {
            // a bad keepOnFailure value still fails the test, but never leaks the database
            database.finish(keep, line -> {
                System.out.println(line);
                context.publishReportEntry("rehearsal.keptDatabase", line);
            });
        }
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return context.getTestMethod().map(m -> AnnotationSupport.isAnnotated(m, RehearsalTest.class)).orElse(false);
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        RehearsalDeclaration declaration = RehearsalDeclaration.find(context.getRequiredTestClass())
                .orElseThrow(() -> new ExtensionConfigurationException("@RehearsalTest on "
                        + context.getRequiredTestMethod() + " needs @MigrationRehearsal on its class (or an enclosing"
                        + " class) to know the engines and migrations.\nTo fix this, annotate "
                        + context.getRequiredTestClass().getSimpleName() + " with @MigrationRehearsal."));
        return declaration.engines().stream().map(engine -> new EngineInvocation(engine, context.getDisplayName()));
    }

    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: computeIfAbsent only exists from JUnit 6; 5.12 is supported
    private static DatabaseResource database(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(DATABASE, key -> open(context), DatabaseResource.class);
    }

    @SuppressWarnings("deprecation") // getOrComputeIfAbsent, as above
    private static DatabaseResource open(ExtensionContext context) {
        RehearsalDeclaration declaration = RehearsalDeclaration.find(context.getRequiredTestClass()).orElseThrow();
        Engine engine = engine(context, declaration);
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(KEYS_CHECKED, key -> refuseUnknownKeys(), Boolean.class);
        RehearsalSettings settings = settings(context);
        ServerRequest request = declaration.imageFor(engine)
                .map(image -> ServerRequest.of(engine, settings, image, declaration.imagesOrigin()))
                .orElseGet(() -> ServerRequest.of(engine, settings));
        RehearsalServer server = context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(request, key -> ServerResource.start(request), ServerResource.class)
                .server();
        ClassLoader loader = context.getRequiredTestClass().getClassLoader();
        Migrations migrations = declaration.migrations(loader);
        String name = context.getRequiredTestMethod().getName();
        // a declared seed starts the test from a copy of the state, built once per server for every test that
        // declares an equal one (rehearsal.cache.enabled=false builds it in the test's own database)
        Rehearsal rehearsal = SeedDeclaration.find(context.getRequiredTestMethod(), context.getRequiredTestClass())
                .map(seed -> server.open(migrations, seed.state(), name))
                .orElseGet(() -> server.open(migrations, name));
        return new DatabaseResource(rehearsal);
    }

    private static Engine engine(ExtensionContext context, RehearsalDeclaration declaration) {
        Optional<Engine> bound = Optional.ofNullable(context.getStore(NAMESPACE).get(ENGINE, Engine.class));
        if (bound.isPresent()) {
            return bound.get();
        }
        if (declaration.engines().size() == 1) {
            return declaration.engines().get(0);
        }
        throw new ParameterResolutionException(context.getRequiredTestMethod().getName() + "() in "
                + context.getRequiredTestClass().getSimpleName() + " runs once, but " + declaration.origin()
                + " declares " + declaration.engines().size() + " engines ("
                + declaration.engines().stream().map(Engine::displayName).collect(Collectors.joining(", "))
                + "), so it cannot pick one.\nTo fix this, annotate the method with @RehearsalTest instead of @Test to run"
                + " it once per engine, or declare a single engine.");
    }

    /**
     * A misspelt key would be ignored and the rehearsal run elsewhere than meant; the sources that can be listed are
     * checked once per run: system properties, the environment, and junit-platform.properties on the class path.
     */
    private static Boolean refuseUnknownKeys() {
        RehearsalSettings.refuseUnknownKeys(System.getProperties().stringPropertyNames(), "a system property");
        RehearsalSettings.refuseUnknownKeys(System.getenv().keySet(), "an environment variable");
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            for (URL file : Collections.list((loader != null ? loader : MigrationRehearsalExtension.class.getClassLoader())
                    .getResources("junit-platform.properties"))) {
                Properties properties = new Properties();
                try (InputStream in = file.openStream()) {
                    properties.load(in);
                }
                RehearsalSettings.refuseUnknownKeys(properties.stringPropertyNames(), "an entry of " + file);
            }
        } catch (IOException e) {
            // JUnit reads the same file and reports it if it cannot; the check adds nothing then
        }
        return Boolean.TRUE;
    }

    private static RehearsalSettings settings(ExtensionContext context) {
        return RehearsalSettings.from(context::getConfigurationParameter);
    }
}
