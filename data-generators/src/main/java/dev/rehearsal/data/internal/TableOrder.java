package dev.rehearsal.data.internal;

import dev.rehearsal.schema.Table;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
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
            // only relations inside a cycle may be given up: tables downstream of one are merely waiting
            List<Set<String>> cycles = cycles(stuck, relations, dropped);
            List<Relation> inCycle = cycles.stream()
                    .flatMap(cycle -> cycle.stream().flatMap(t -> relations.getOrDefault(t, List.of()).stream())
                            .filter(r -> !dropped.contains(r) && !r.selfReference() && cycle.contains(key(r.parent().name()))))
                    .toList();
            Optional<Relation> breaker = inCycle.stream().filter(Relation::inferred).findFirst()
                    .or(() -> inCycle.stream().filter(Relation::nullable).findFirst());
            if (breaker.isEmpty()) {
                Set<String> cycle = cycles.isEmpty() ? stuck : cycles.get(0);
                throw SeedErrors.cannotFill(byName.get(cycle.iterator().next()), "the tables " + cycle + " reference each"
                        + " other through foreign keys whose columns are all NOT NULL, so none of them can be filled first",
                        "skip these tables, or seed them with SQL");
            }
            dropped.add(breaker.get());
        }
    }

    /** The strongly connected components of more than one table among the stuck ones (Tarjan), in name order. */
    private static List<Set<String>> cycles(Set<String> stuck, Map<String, List<Relation>> relations, Set<Relation> dropped) {
        Map<String, List<String>> edges = new LinkedHashMap<>();
        for (String table : stuck) {
            edges.put(table, relations.getOrDefault(table, List.of()).stream()
                    .filter(r -> !dropped.contains(r) && !r.selfReference())
                    .map(r -> key(r.parent().name())).filter(stuck::contains).distinct().sorted().toList());
        }
        List<Set<String>> components = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new HashSet<>();
        int[] counter = {0};
        for (String table : edges.keySet()) {
            if (!index.containsKey(table)) {
                strongConnect(table, edges, index, low, stack, onStack, counter, components);
            }
        }
        return components.stream().filter(c -> c.size() > 1).toList();
    }

    private static void strongConnect(String table, Map<String, List<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, int[] counter, List<Set<String>> out) {
        index.put(table, counter[0]);
        low.put(table, counter[0]++);
        stack.push(table);
        onStack.add(table);
        for (String next : edges.getOrDefault(table, List.of())) {
            if (!index.containsKey(next)) {
                strongConnect(next, edges, index, low, stack, onStack, counter, out);
                low.put(table, Math.min(low.get(table), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(table, Math.min(low.get(table), index.get(next)));
            }
        }
        if (low.get(table).equals(index.get(table))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(table));
            out.add(component);
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
