package ai.hyperware.ext.contract;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.hyperware.ext.contract.Contract.Field;
import ai.hyperware.ext.contract.Contract.TypeDef;

/**
 * Puts a {@code Box} where a struct contains itself other than through a {@code Vec} or a map
 * ({@code record Chain(int value, Optional<Chain> next)}), which Rust refuses as a type of infinite size. serde reads
 * and writes a {@code Box<T>} exactly as a {@code T}, so the bytes do not change.
 */
final class RecursionBoxing {

    private RecursionBoxing() {
    }

    static Map<String, TypeDef> apply(Map<String, TypeDef> types) {
        Map<String, Set<String>> direct = new LinkedHashMap<>();
        types.forEach((name, type) -> {
            Set<String> held = new HashSet<>();
            type.fields().forEach(field -> field.type().directNames(held));
            direct.put(name, held);
        });
        Map<String, TypeDef> boxed = new LinkedHashMap<>();
        types.forEach((name, type) -> {
            List<Field> fields = type.fields().stream()
                    .map(field -> new Field(field.name(), field.type().mapDirect(held ->
                            reaches(direct, held.name(), name) ? new RustTypeRef.Boxed(held) : held)))
                    .toList();
            boxed.put(name, new TypeDef(name, type.javaType(), type.isEnum(), fields, type.variants(),
                    type.positional()));
        });
        return boxed;
    }

    /** Whether {@code from} holds {@code to} directly, or through types it holds directly. */
    private static boolean reaches(Map<String, Set<String>> direct, String from, String to) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(from));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (next.equals(to)) {
                return true;
            }
            if (seen.add(next)) {
                pending.addAll(direct.getOrDefault(next, Set.of()));
            }
        }
        return false;
    }
}
