package ai.hyperware.ext.payload;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

/**
 * The fields of a record or POJO as a Rust struct declares them: their Rust names, in the order of a positional
 * ({@code rmp_serde::to_vec}) encoding. The binding reads positional arrays in this order and the contract generator
 * writes struct fields in it, so the two agree by construction.
 *
 * <p>A record's order is its component order. A POJO has no order of its own: Java does not define the order of a
 * class's fields ({@code Class.getDeclaredFields} "are not in any particular order"), so a POJO is ordered only by a
 * {@code @JsonPropertyOrder} that lists every property (or says {@code alphabetic = true}). An unordered POJO binds
 * from named maps only; a positional array for it is answered with an {@code Err} naming the class.
 *
 * @param type            the Java class
 * @param fields          the properties, in positional order when {@code unorderedReason} is null
 * @param unorderedReason why the class has no positional order, with the fix; null when it has one
 */
public record StructFields(Class<?> type, List<BeanPropertyDefinition> fields, String unorderedReason) {

    /** The layout of the class a description introspects (for reading or for writing). */
    public static StructFields of(BeanDescription description) {
        Class<?> type = description.getBeanClass();
        List<BeanPropertyDefinition> properties = description.findProperties();
        if (type.isRecord()) {
            return new StructFields(type, inComponentOrder(type, properties), null);
        }
        JsonPropertyOrder order = type.getAnnotation(JsonPropertyOrder.class);
        if (order != null && (order.alphabetic() || coversAll(order.value(), properties))) {
            return new StructFields(type, List.copyOf(properties), null); // Jackson sorted them by the annotation
        }
        return new StructFields(type, List.copyOf(properties), type.getName() + " has no defined field order, so it "
                + "binds from named maps (rmp_serde::to_vec_named) only: make it a record, or list all its "
                + "properties in @JsonPropertyOrder");
    }

    /** Whether a positional array binds to this class. */
    public boolean ordered() {
        return unorderedReason == null;
    }

    /** The Rust field names, in order. */
    public List<String> names() {
        return fields.stream().map(BeanPropertyDefinition::getName).toList();
    }

    private static List<BeanPropertyDefinition> inComponentOrder(Class<?> type,
            List<BeanPropertyDefinition> properties) {
        List<BeanPropertyDefinition> ordered = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            properties.stream().filter(p -> p.getInternalName().equals(component.getName())).findFirst()
                    .ifPresent(ordered::add);
        }
        properties.stream().filter(p -> !ordered.contains(p)).forEach(ordered::add); // e.g. @JsonProperty methods
        return List.copyOf(ordered);
    }

    private static boolean coversAll(String[] listed, List<BeanPropertyDefinition> properties) {
        Set<String> names = new HashSet<>(Arrays.asList(listed));
        return properties.stream().allMatch(p -> names.contains(p.getName()) || names.contains(p.getInternalName()));
    }
}
