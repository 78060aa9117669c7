package dev.rehearsal.internal.spring;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The documents of a YAML file, each flattened the way Spring Boot flattens them: nested maps joined with dots,
 * list items as {@code key[0]}. Only this class touches SnakeYAML, so the rest of the reader works without it.
 */
final class YamlDocuments {

    private YamlDocuments() {
    }

    static boolean available() {
        try {
            Class.forName("org.yaml.snakeyaml.Yaml", false, YamlDocuments.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Each document's properties, in file order; scalars are kept as written ({@code 1.10} stays {@code 1.10}). */
    static List<Map<String, String>> load(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new StringsOnly());
        List<Map<String, String>> documents = new ArrayList<>();
        for (Object document : yaml.loadAll(reader)) {
            Map<String, String> flat = new LinkedHashMap<>();
            if (document != null) {
                flatten("", document, flat);
            }
            documents.add(flat);
        }
        return documents;
    }

    private static void flatten(String prefix, Object value, Map<String, String> into) {
        if (value instanceof Map<?, ?> map) {
            if (map.isEmpty() && !prefix.isEmpty()) {
                into.put(prefix, "");
            }
            map.forEach((key, child) -> {
                String name = String.valueOf(key);
                flatten(prefix.isEmpty() ? name : prefix + (name.startsWith("[") ? "" : ".") + name, child, into);
            });
        } else if (value instanceof List<?> list) {
            if (list.isEmpty()) {
                into.put(prefix, "");
            }
            for (int i = 0; i < list.size(); i++) {
                flatten(prefix + "[" + i + "]", list.get(i), into);
            }
        } else {
            into.put(prefix, value == null ? "" : String.valueOf(value));
        }
    }

    /** Resolves nulls and merge keys only: every other scalar stays the string it was written as. */
    private static final class StringsOnly extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.MERGE, MERGE, "<");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
