package ai.hyperware.ext.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.hyperware.ext.contract.Contract.Field;
import ai.hyperware.ext.contract.Contract.TypeDef;
import ai.hyperware.ext.contract.Contract.Variant;

/**
 * A {@link Contract} as plain maps and lists, for {@code /actuator/info} and
 * {@code --hyperware.extension.contract=json}: every variant with its kind, value or fields (in positional order)
 * and reply type, every struct and enum, and the problems; types in Rust syntax.
 *
 * <pre>{@code
 * {"enum": "Request",
 *  "variants": [{"name": "Add", "kind": "struct", "handler": "calculator#add", "positional": true,
 *                "fields": [{"name": "a", "type": "i64"}, {"name": "b", "type": "i64"}],
 *                "reply": "Result<i64, String>"}, ...],
 *  "types": [{"name": "Digest", "kind": "struct", "java": "...", "positional": true, "fields": [...]}, ...],
 *  "problems": [], "notes": []}
 * }</pre>
 */
public final class ContractJson {

    private ContractJson() {
    }

    public static Map<String, Object> describe(Contract contract) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("enum", contract.requestEnum());
        json.put("variants", contract.variants().stream().map(ContractJson::variant).toList());
        json.put("types", contract.types().stream().map(ContractJson::type).toList());
        json.put("problems", contract.problems());
        json.put("notes", contract.notes());
        return json;
    }

    /** The description as indented JSON text. */
    public static String text(Contract contract) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(describe(contract));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the contract as JSON", e);
        }
    }

    private static Map<String, Object> variant(Variant variant) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", variant.name());
        json.put("kind", variant.kind().name().toLowerCase(java.util.Locale.ROOT));
        json.put("handler", variant.handler());
        switch (variant.kind()) {
            case NEWTYPE -> json.put("value", variant.value().rust());
            case STRUCT -> {
                json.put("positional", variant.positional());
                json.put("fields", fields(variant.fields()));
            }
            case UNIT -> {
            }
        }
        json.put("reply", variant.reply().rust());
        return json;
    }

    private static Map<String, Object> type(TypeDef type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", type.name());
        json.put("kind", type.isEnum() ? "enum" : "struct");
        json.put("java", type.javaType());
        if (type.isEnum()) {
            json.put("variants", type.variants());
        } else {
            json.put("positional", type.positional());
            json.put("fields", fields(type.fields()));
        }
        return json;
    }

    private static List<Map<String, Object>> fields(List<Field> fields) {
        return fields.stream().map(field -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("name", field.name());
            json.put("type", field.type().rust());
            return json;
        }).toList();
    }
}
