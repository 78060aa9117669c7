package dev.rehearsal.internal.server;

import dev.rehearsal.Engine;
import dev.rehearsal.RehearsalSettings;
import dev.rehearsal.internal.Settings;
import dev.rehearsal.internal.jdbc.ConnectionPolicy;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A run that never closes: it creates a rehearsal database, owned by a user of its own, on an existing server (given as arguments: URL, user,
 * password), starts an embedded PostgreSQL, says so on standard out, and waits to be killed. {@link LeftoversTest}
 * kills it with {@code kill -9}.
 */
public final class LeftBehindRun {

    private LeftBehindRun() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> existing = Map.of(RehearsalSettings.url(Engine.POSTGRESQL), args[0],
                RehearsalSettings.username(Engine.POSTGRESQL), args[1], RehearsalSettings.password(Engine.POSTGRESQL),
                args.length > 2 ? args[2] : "");
        JdbcServer shared = Servers.start(ServerSpec.select(Engine.POSTGRESQL, Optional.empty(), "test",
                new Settings(key -> Optional.ofNullable(existing.get(key)))), ConnectionPolicy.DEFAULT, Duration.ofMinutes(1));
        shared.useLeastPrivilege();
        RehearsalDatabase database = shared.createDatabase("left_behind");
        JdbcServer embedded = Servers.start(ServerSpec.select(Engine.POSTGRESQL, Optional.empty(), "test",
                new Settings(key -> Optional.empty())), ConnectionPolicy.DEFAULT, Duration.ofMinutes(1));
        System.out.println("TOKEN " + Runs.TOKEN);
        System.out.println("DATABASE " + database.name());
        System.out.println("USER " + shared.runUserName().orElseThrow());
        System.out.println("EMBEDDED " + embedded.describe());
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(120_000);
    }
}
