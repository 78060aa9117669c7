package dev.rehearsal.internal.server;

import static java.util.Objects.requireNonNull;

import dev.rehearsal.DatabaseUnavailableException;
import dev.rehearsal.Engine;
import dev.rehearsal.ProviderKind;
import dev.rehearsal.RehearsalConfigurationException;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.Settings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import dev.rehearsal.internal.jdbc.JdbcUrl;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What server an engine gets, chosen deterministically: an existing server when its URL is configured; a
 * container when an image is named; otherwise the embedded default. Equal specs share one server per run.
 */
public final class ServerSpec {

    private final Engine engine;
    private final ProviderKind kind;
    private final Optional<JdbcUrl> url;
    private final String username;
    private final String password;
    private final Optional<String> image;
    private final String origin;

    private ServerSpec(Engine engine, ProviderKind kind, Optional<JdbcUrl> url, String username, String password,
            Optional<String> image, String origin) {
        this.engine = requireNonNull(engine);
        this.kind = requireNonNull(kind);
        this.url = url;
        this.username = username;
        this.password = password;
        this.image = image;
        this.origin = origin;
    }

    /**
     * Choose the server for an engine.
     *
     * @param engine the engine
     * @param image an image named by the test itself (annotation), which wins over the configured one
     * @param imageOrigin where that image was named, for messages, e.g. {@code @MigrationRehearsal(images)}
     * @param settings the configuration
     * @throws DatabaseUnavailableException for MySQL without URL or image: it has no embedded server
     */
    public static ServerSpec select(Engine engine, Optional<String> image, String imageOrigin, Settings settings) {
        Optional<String> url = settings.get(RehearsalSettings.url(engine));
        if (url.isPresent()) {
            String user = settings.get(RehearsalSettings.username(engine))
                    .orElse(engine == Engine.POSTGRESQL ? "postgres" : "root");
            String password = settings.get(RehearsalSettings.password(engine)).orElse("");
            JdbcUrl parsed = JdbcUrl.parse(url.get(), RehearsalSettings.url(engine));
            String scheme = parsed.scheme().toLowerCase(Locale.ROOT);
            boolean otherFamily = engine.isMysqlFamily()
                    ? scheme.startsWith("jdbc:postgresql")
                    : scheme.startsWith("jdbc:mysql") || scheme.startsWith("jdbc:mariadb");
            if (otherFamily) {
                throw new RehearsalConfigurationException(RehearsalSettings.url(engine) + " = '" + parsed + "' is a "
                        + parsed.scheme() + " URL, which does not reach a " + engine.displayName() + " server.\nTo fix"
                        + " this, give a " + (engine.isMysqlFamily() ? "jdbc:mysql://host:3306/" : "jdbc:postgresql://host:5432/postgres")
                        + " URL there, or move this one to the setting of its own engine.");
            }
            refuseBoundsInUrl(engine, parsed);
            return new ServerSpec(engine, ProviderKind.EXISTING, Optional.of(parsed), user, password, Optional.empty(),
                    RehearsalSettings.url(engine));
        }
        Optional<String> configuredImage = settings.get(RehearsalSettings.image(engine));
        if (image.isPresent() || configuredImage.isPresent()) {
            String origin = image.isPresent() ? imageOrigin : RehearsalSettings.image(engine);
            return new ServerSpec(engine, ProviderKind.CONTAINER, Optional.empty(), "", "", image.or(() -> configuredImage),
                    origin);
        }
        if (engine == Engine.MYSQL) {
            throw new DatabaseUnavailableException("MySQL has no embedded server, and neither "
                    + RehearsalSettings.url(engine) + " nor an image is set, so rehearsals on MySQL cannot get a database.\n"
                    + "To fix this, either point " + RehearsalSettings.url(engine) + " at a MySQL server"
                    + " (e.g. -D" + RehearsalSettings.url(engine) + "=jdbc:mysql://127.0.0.1:3306/), or name an image"
                    + " (needs Docker): -D" + RehearsalSettings.image(engine) + "=mysql:8.4, images = \"mysql:8.4\" on"
                    + " @MigrationRehearsal(engines = MYSQL), or ServerRequest.of(Engine.MYSQL, settings, \"mysql:8.4\","
                    + " origin) in code.", null);
        }
        return new ServerSpec(engine, ProviderKind.EMBEDDED, Optional.empty(), "", "", Optional.empty(), "default");
    }


    /**
     * The URL's own parameters win over the harness's connection properties, so a timeout or session setting there
     * would replace the bounds that keep a rehearsal from hanging.
     */
    private static void refuseBoundsInUrl(Engine engine, JdbcUrl url) {
        for (String parameter : url.params().keySet()) {
            String name = parameter.toLowerCase(Locale.ROOT);
            if (name.equals("allowmultiqueries") && url.param(parameter).filter(v -> !v.strip().equalsIgnoreCase("false")).isPresent()) {
                throw new RehearsalConfigurationException(RehearsalSettings.url(engine) + " = '" + url + "' sets "
                        + parameter + ", which lets the server run several statements sent as one; the harness checks"
                        + " each statement before it runs (it never drops or switches to a database it did not create),"
                        + " and a statement it reads as one must not run as two.\nTo fix this, remove " + parameter
                        + " from the URL: Flyway and the harness send one statement at a time.");
            }
            boolean setsTimeout = url.param(parameter).map(value -> ConnectionPolicy.SESSION_TIMEOUTS.matcher(value).find()).orElse(false);
            String setting = switch (name) {
                case "connecttimeout", "logintimeout" -> RehearsalSettings.CONNECT_TIMEOUT;
                case "sockettimeout" -> RehearsalSettings.SOCKET_TIMEOUT;
                // other session settings (search_path, sql_mode...) are kept, the harness's lock bound added to them
                case "options", "sessionvariables" -> setsTimeout ? RehearsalSettings.LOCK_TIMEOUT : null;
                default -> null;
            };
            if (setting != null) {
                boolean session = setting.equals(RehearsalSettings.LOCK_TIMEOUT);
                String what = session ? "a timeout in " + parameter : parameter;
                throw new RehearsalConfigurationException(RehearsalSettings.url(engine) + " = '" + url + "' sets " + what
                        + ", which the harness sets on every connection from " + setting + " so that no step can wait"
                        + " without bound.\nTo fix this, remove " + what + " from the URL and set " + setting + " (e.g. "
                        + setting + "=30s) instead.");
            }
        }
    }

    public Engine engine() {
        return engine;
    }

    public ProviderKind kind() {
        return kind;
    }

    public Optional<JdbcUrl> url() {
        return url;
    }

    public String username() {
        return username;
    }

    String password() {
        return password;
    }

    public Optional<String> image() {
        return image;
    }

    /** Where the choice came from, e.g. {@code rehearsal.postgresql.url}: named in messages. */
    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerSpec that
                && engine == that.engine
                && kind == that.kind
                && url.map(JdbcUrl::toUrl).equals(that.url.map(JdbcUrl::toUrl))
                && username.equals(that.username)
                && password.equals(that.password)
                && image.equals(that.image);
    }

    @Override
    public int hashCode() {
        return Objects.hash(engine, kind, url.map(JdbcUrl::toUrl), username, image);
    }

    /** Describes the spec; the password never appears. */
    @Override
    public String toString() {
        return engine.displayName() + " " + kind
                + url.map(u -> " " + u + " as " + username).orElse("")
                + image.map(i -> " " + i).orElse("");
    }
}
