package dev.rehearsal.data.internal;

import dev.rehearsal.schema.Table;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The order to fill tables in: parents before children, ties by name so the order is deterministic. A
 * self-reference is filled within its table. A cycle between tables is broken first at an inferred relation, then
 * at a foreign key whose columns are all nullable, which is then left NULL; a cycle without either cannot be filled.
 *
 * @param tables the tables, parents first
 * @param dropped the relations given up to break cycles
 */
record TableOrder(List<Table> tables, Set<Relation> dropped) {

    static TableOrder of(List<Table> toFill, Map<String, List<Relation>> relations) {
        Map<String, Table> byName = new LinkedHashMap<>();
        toFill.forEach(t -> byName.put(key(t.name()), t));
        Set<Relation> dropped = new HashSet<>();
        while (true) {
            List<Table> ordered = new ArrayList<>();
            Set<String> done = new HashSet<>();
            TreeSet<String> ready = new TreeSet<>();
            Map<String, Set<String>> waiting = new LinkedHashMap<>();
            for (Table table : byName.values()) {
                Set<String> parents = relations.getOrDefault(key(table.name()), List.of()).stream()
                        .filter(r -> !dropped.contains(r) && !r.selfReference())
                        .map(r -> key(r.parent().name()))
                        .filter(byName::containsKey)
                        .collect(Collectors.toSet());
                waiting.put(key(table.name()), parents);
                if (parents.isEmpty()) {
                    ready.add(key(table.name()));
                }
            }
            while (!ready.isEmpty()) {
                String next = ready.pollFirst();
                ordered.add(byName.get(next));
                done.add(next);
                waiting.forEach((table, parents) -> {
                    if (!done.contains(table) && parents.remove(next) && parents.isEmpty()) {
                        ready.add(table);
                    }
                });
            }
            if (ordered.size() == byName.size()) {
                return new TableOrder(ordered, dropped);
            }
            Set<String> stuck = waiting.keySet().stream().filter(t -> !done.contains(t))
                    .collect(Collectors.toCollection(TreeSet::new));
            List<Relation> inCycle = stuck.stream()
                    .flatMap(t -> relations.getOrDefault(t, List.of()).stream())
                    .filter(r -> !dropped.contains(r) && !r.selfReference() && stuck.contains(key(r.parent().name())))
                    .toList();
            Optional<Relation> breaker = inCycle.stream().filter(Relation::inferred).findFirst()
                    .or(() -> inCycle.stream().filter(Relation::nullable).findFirst());
            if (breaker.isEmpty()) {
                throw SeedErrors.cannotFill(byName.get(stuck.iterator().next()), "the tables " + stuck + " reference each"
                        + " other through foreign keys whose columns are all NOT NULL, so none of them can be filled first",
                        "skip these tables, or seed them with SQL");
            }
            dropped.add(breaker.get());
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
