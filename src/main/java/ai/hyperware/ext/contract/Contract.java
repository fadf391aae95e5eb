package ai.hyperware.ext.contract;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What the extension serves, in Rust's terms: the request enum with one variant per handler, the reply type of
 * each, and the structs and enums they use. Built from the handler inventory by {@link ContractBuilder}; written as a
 * Rust module by {@link RustModule} and as JSON by {@link ContractJson}.
 *
 * @param requestEnum the request enum's name, {@code Request}
 * @param variants    the variants, sorted by name
 * @param types       the structs and enums, in the order they were first met
 * @param problems    what could not be described, each naming the handler or field and the fix; empty when the
 *                    module is complete
 * @param notes       what is described but limited, e.g. a POJO that binds from named maps only
 */
public record Contract(String requestEnum, List<Variant> variants, List<TypeDef> types, List<String> problems,
        List<String> notes) {

    /** How a variant carries its value. */
    public enum Kind {
        /** {@code Ping}: no value. */
        UNIT,
        /** {@code Echo(T)}: one value. */
        NEWTYPE,
        /** {@code Add { a: i64, b: i64 }}: the fields of the handler's record. */
        STRUCT
    }

    /**
     * One variant of the request enum.
     *
     * @param name       the variant name the extension routes on
     * @param kind       unit, newtype or struct
     * @param value      a newtype variant's value; null otherwise
     * @param fields     a struct variant's fields, in positional order; empty otherwise
     * @param positional whether a struct variant may be sent positionally ({@code rmp_serde::to_vec})
     * @param reply      the reply's type: {@code Result<T, String>}, or {@code Unwrapped<T>} for an unwrapped handler
     * @param handler    {@code bean#method}
     */
    public record Variant(String name, Kind kind, RustTypeRef value, List<Field> fields, boolean positional,
            RustTypeRef reply, String handler) {

        /** The types the variant mentions: its reply's, its value's, its fields'. */
        public List<RustTypeRef> types() {
            List<RustTypeRef> types = new ArrayList<>();
            types.add(reply);
            if (value != null) {
                types.add(value);
            }
            fields.forEach(field -> types.add(field.type()));
            return types;
        }
    }

    /**
     * A struct or an enum of unit variants.
     *
     * @param name       its Rust name
     * @param javaType   the Java class it stands for
     * @param isEnum     an enum (a Java enum), not a struct
     * @param fields     a struct's fields in positional order
     * @param variants   an enum's variant names
     * @param positional whether a struct may be sent positionally
     */
    public record TypeDef(String name, String javaType, boolean isEnum, List<Field> fields, List<String> variants,
            boolean positional) {
    }

    /**
     * A struct field.
     *
     * @param name the name serde writes (snake_case)
     * @param type its Rust type
     */
    public record Field(String name, RustTypeRef type) {
    }

    /** Whether the module needs its {@code Value} type ({@code RawMsgpack}). */
    public boolean usesValue() {
        return anyType(type -> type.equals(RustTypeRef.VALUE));
    }

    /** Whether the module needs its {@code Unwrapped} type ({@code wrapResult = false}). */
    public boolean usesUnwrapped() {
        return variants.stream().anyMatch(v -> v.reply() instanceof RustTypeRef.Unwrapped);
    }

    /** Whether the module needs {@code HashMap}. */
    public boolean usesMap() {
        return anyType(type -> type instanceof RustTypeRef.Map);
    }

    /** Whether any type the module mentions, at any depth, passes the test. */
    private boolean anyType(Predicate<RustTypeRef> test) {
        List<RustTypeRef> all = new ArrayList<>();
        variants.forEach(variant -> all.addAll(variant.types()));
        types.forEach(t -> t.fields().forEach(f -> all.add(f.type())));
        boolean[] found = {false};
        all.forEach(type -> type.visit(inner -> found[0] |= test.test(inner)));
        return found[0];
    }
}
