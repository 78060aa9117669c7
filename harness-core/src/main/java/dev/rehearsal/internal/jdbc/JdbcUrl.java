package dev.rehearsal.internal.jdbc;

import dev.rehearsal.RehearsalConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A JDBC URL of the {@code jdbc:<subprotocol>://<authority>/<database>?<params>} form, taken apart so the
 * database can be swapped and credentials kept out of anything printed.
 *
 * @param scheme e.g. {@code "jdbc:postgresql"}
 * @param authority host and port, possibly several comma-separated, possibly with user info
 * @param database the database path segment; empty if none
 * @param params the query parameters in order
 */
public record JdbcUrl(String scheme, String authority, String database, Map<String, String> params) {

    private static final Pattern FORM = Pattern.compile("(jdbc:[a-z0-9]+(?::[a-z0-9]+)?)://([^/?]*)(?:/([^?]*))?(?:\\?(.*))?",
            Pattern.CASE_INSENSITIVE);

    /** Parameters whose values are never shown. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|pwd|secret|token).*");

    public JdbcUrl {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parse a URL.
     *
     * @param url the URL
     * @param setting the setting it came from, named in the error
     * @throws RehearsalConfigurationException if the URL does not have the expected form
     */
    public static JdbcUrl parse(String url, String setting) {
        Matcher m = FORM.matcher(url.trim());
        if (!m.matches()) {
            throw new RehearsalConfigurationException(setting + " = '" + redact(url) + "' is not a JDBC URL of the form"
                    + " jdbc:<driver>://<host>:<port>/<database>.\nTo fix this, set it to e.g."
                    + " jdbc:postgresql://127.0.0.1:5432/postgres or jdbc:mysql://127.0.0.1:3306/");
        }
        Map<String, String> params = new LinkedHashMap<>();
        String query = m.group(4);
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) {
                    params.put(pair, "");
                } else {
                    params.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        return new JdbcUrl(m.group(1), m.group(2), m.group(3) == null ? "" : m.group(3), params);
    }

    /**
     * Build a URL for a host and port without parameters.
     */
    public static JdbcUrl of(String scheme, String host, int port, String database) {
        return new JdbcUrl(scheme, host + ":" + port, database, Map.of());
    }

    /**
     * Return this URL without a parameter, its name compared ignoring case.
     */
    public JdbcUrl withoutParam(String name) {
        Map<String, String> rest = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (!key.equalsIgnoreCase(name)) {
                rest.put(key, value);
            }
        });
        return new JdbcUrl(scheme, authority, database, rest);
    }

    /**
     * Return the decoded value of a parameter, its name compared ignoring case.
     */
    public Optional<String> param(String name) {
        return params.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                .map(e -> URLDecoder.decode(e.getValue(), StandardCharsets.UTF_8));
    }

    /**
     * Return this URL pointing at another database, with the same parameters.
     */
    public JdbcUrl withDatabase(String name) {
        return new JdbcUrl(scheme, authority, name, params);
    }

    /**
     * Render the URL as the driver needs it, credentials included.
     */
    public String toUrl() {
        return render(false);
    }

    /**
     * Render the URL with user info and secret parameters masked: safe to print.
     */
    @Override
    public String toString() {
        return render(true);
    }

    private String render(boolean redacted) {
        String host = authority;
        int at = host.lastIndexOf('@');
        if (redacted && at >= 0) {
            host = "***@" + host.substring(at + 1);
        }
        if (redacted) {
            // MySQL's key-value forms: address=(host=h)(password=x), (host=h,password=x)
            host = host.replaceAll("(?i)((?:password|pwd)\\s*=\\s*)[^),]*", "$1***");
        }
        String query = params.entrySet().stream()
                .map(e -> e.getValue().isEmpty()
                        ? e.getKey()
                        : e.getKey() + "=" + (redacted && SECRET.matcher(e.getKey()).matches() ? "***" : e.getValue()))
                .collect(Collectors.joining("&"));
        return scheme + "://" + host + "/" + database + (query.isEmpty() ? "" : "?" + query);
    }

    /**
     * Mask the credentials in any string that may be a JDBC URL, parsable or not.
     */
    public static String redact(String url) {
        if (url == null) {
            return "null";
        }
        Matcher m = FORM.matcher(url.trim());
        if (m.matches()) {
            return parse(url, "url").toString();
        }
        return url.replaceAll("(?i)(password|pwd)=[^&;]*", "$1=***").replaceAll("//[^/@]*@", "//***@");
    }
}
