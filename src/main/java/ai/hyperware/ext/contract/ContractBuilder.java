package ai.hyperware.ext.contract;

import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;

import ai.hyperware.ext.contract.Contract.Field;
import ai.hyperware.ext.contract.Contract.Kind;
import ai.hyperware.ext.contract.Contract.TypeDef;
import ai.hyperware.ext.contract.Contract.Variant;
import ai.hyperware.ext.handler.HandlerMethod;
import ai.hyperware.ext.payload.RawMsgpack;
import ai.hyperware.ext.payload.RustInteger;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.payload.RustType;
import ai.hyperware.ext.payload.StructFields;

/**
 * Describes the handlers in Rust's terms, from the same sources the binding uses: the Java types of their payloads
 * and results, {@link RustType} for integer widths, and {@link StructFields} for field names and order. So the
 * generated module and the binding agree by construction.
 *
 * <p>Not every Java type has a Rust counterpart (an {@code Object}, an interface, a {@code java.time.Instant}); each
 * such use is a problem in the contract, naming the handler or field and the fix.
 */
public final class ContractBuilder {

    /** The request enum's name. */
    public static final String REQUEST_ENUM = "Request";

    /** Names the module itself uses, which a struct or enum must not take. */
    private static final Set<String> RESERVED = Set.of(REQUEST_ENUM, "Reply", "Value", "Unwrapped", "Result",
            "Option", "Vec", "HashMap", "String", "Box", "Self");

    private final RustSerdeMapper mapper;
    private final Map<JavaType, String> names = new HashMap<>();
    private final Map<String, TypeDef> types = new LinkedHashMap<>();
    private final Set<String> taken = new HashSet<>(RESERVED);
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private ContractBuilder(RustSerdeMapper mapper) {
        this.mapper = mapper;
    }

    /** The contract of these handlers (built-ins included, if registered), variants sorted by name. */
    public static Contract build(Collection<HandlerMethod> handlers, RustSerdeMapper mapper) {
        return new ContractBuilder(mapper).contract(handlers);
    }

    private Contract contract(Collection<HandlerMethod> handlers) {
        List<HandlerMethod> sorted = handlers.stream()
                .sorted(java.util.Comparator.comparing(HandlerMethod::variant)).toList();
        sorted.forEach(handler -> taken.add(RustNames.typeName(handler.variant()) + "Reply"));
        List<Variant> variants = new ArrayList<>();
        for (HandlerMethod handler : sorted) {
            variants.add(variant(handler));
        }
        Map<String, TypeDef> boxed = RecursionBoxing.apply(types);
        return new Contract(REQUEST_ENUM, List.copyOf(variants), reachable(variants, boxed), List.copyOf(problems),
                List.copyOf(notes));
    }

    private Variant variant(HandlerMethod handler) {
        String where = handler.description();
        RustTypeRef ok = map(mapper.typeOf(handler.resultType()),
                handler.declaredMethod().getAnnotation(RustType.class), "the value " + where + " returns");
        RustTypeRef reply = handler.wrapResult() ? new RustTypeRef.Result(ok) : new RustTypeRef.Unwrapped(ok);
        Optional<Parameter> payload = handler.payloadParameter();
        if (payload.isEmpty()) {
            return new Variant(handler.variant(), Kind.UNIT, null, List.of(), true, reply, where);
        }
        JavaType type = mapper.typeOf(payload.get().getParameterizedType());
        RustType declared = payload.get().getAnnotation(RustType.class);
        if (declared == null && isStruct(type.getRawClass())) {
            TypeDef struct = types.get(struct(type));
            return new Variant(handler.variant(), Kind.STRUCT, null, struct.fields(), struct.positional(), reply,
                    where);
        }
        RustTypeRef value = map(type, declared, "the parameter of " + where);
        return new Variant(handler.variant(), Kind.NEWTYPE, value, List.of(), true, reply, where);
    }

    /** The Rust type of a Java type, with the {@link RustType} on its declaration (or null). */
    private RustTypeRef map(JavaType type, RustType declared, String where) {
        Class<?> raw = type.getRawClass();
        if (RustInteger.isJavaInteger(raw)) {
            RustInteger rust = declared != null ? declared.value() : RustInteger.defaultFor(raw);
            if (!rust.fitsIn(raw)) {
                problem(where, "@RustType(" + rust + ") on a Java " + raw.getSimpleName() + ": a Rust "
                        + rust.rustName() + " does not fit it; declare it " + rust.javaTypeName());
            }
            return new RustTypeRef.Primitive(rust.rustName());
        }
        if (declared != null && !holdsIntegers(type)) {
            problem(where, "@RustType(" + declared.value() + ") on a " + raw.getSimpleName()
                    + ", which holds no integer; remove it");
        }
        RustTypeRef scalar = scalar(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw == byte[].class) {
            return new RustTypeRef.Vec(new RustTypeRef.Primitive("u8"));
        }
        if (raw == OptionalInt.class || raw == OptionalLong.class) {
            return new RustTypeRef.Option(map(mapper.typeOf(raw == OptionalInt.class ? int.class : long.class),
                    declared, where));
        }
        if (raw == OptionalDouble.class) {
            return new RustTypeRef.Option(new RustTypeRef.Primitive("f64"));
        }
        if (raw == Optional.class) {
            return new RustTypeRef.Option(map(type.containedTypeOrUnknown(0), declared, where));
        }
        if (type.isArrayType() || type.isCollectionLikeType()) {
            return new RustTypeRef.Vec(map(type.getContentType(), declared, where));
        }
        if (type.isMapLikeType()) {
            RustTypeRef key = map(type.getKeyType(), null, where + " (a map key)");
            if (!(key instanceof RustTypeRef.Primitive primitive && isKey(primitive))
                    && !(key instanceof RustTypeRef.Named named && types.get(named.name()) != null
                            && types.get(named.name()).isEnum())) {
                problem(where, "a map keyed by " + key.rust() + " has no Rust counterpart that serde reads from "
                        + "MessagePack; key it by a String, an integer or a Java enum");
            }
            return new RustTypeRef.Map(key, map(type.getContentType(), declared, where));
        }
        if (raw.isEnum()) {
            return new RustTypeRef.Named(enumeration(type));
        }
        if (isStruct(raw)) {
            return new RustTypeRef.Named(struct(type));
        }
        problem(where, "a " + type.toCanonical() + " has no Rust counterpart; declare a record, a collection, a "
                + "map, an Optional, a scalar, byte[] or RawMsgpack");
        return new RustTypeRef.Primitive("()");
    }

    private static RustTypeRef scalar(Class<?> raw) {
        String rust = null;
        if (raw == boolean.class || raw == Boolean.class) {
            rust = "bool";
        } else if (raw == float.class || raw == Float.class) {
            rust = "f32";
        } else if (raw == double.class || raw == Double.class) {
            rust = "f64";
        } else if (raw == char.class || raw == Character.class) {
            rust = "char";
        } else if (raw == String.class) {
            rust = "String";
        } else if (raw == void.class || raw == Void.class) {
            rust = "()";
        } else if (raw == RawMsgpack.class) {
            return RustTypeRef.VALUE;
        }
        return rust == null ? null : new RustTypeRef.Primitive(rust);
    }

    private static boolean isKey(RustTypeRef.Primitive key) {
        return !key.rust().startsWith("f") && !key.equals(RustTypeRef.VALUE) && !key.rust().equals("()");
    }

    /** Whether a {@link RustType} on this type applies to something: integers, or containers of them. */
    private static boolean holdsIntegers(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (RustInteger.isJavaInteger(raw) || raw == OptionalInt.class || raw == OptionalLong.class) {
            return true;
        }
        if (raw == Optional.class) {
            return holdsIntegers(type.containedTypeOrUnknown(0));
        }
        if (raw != byte[].class && (type.isArrayType() || type.isContainerType())) {
            return holdsIntegers(type.getContentType());
        }
        return false;
    }

    /** A record, or a concrete class of the application's own (a POJO). */
    private static boolean isStruct(Class<?> raw) {
        if (raw == RawMsgpack.class) {
            return false;
        }
        if (raw.isRecord()) {
            return true;
        }
        return !raw.isPrimitive() && !raw.isArray() && !raw.isEnum() && !raw.isInterface()
                && !Modifier.isAbstract(raw.getModifiers()) && raw != Object.class && raw != BigInteger.class
                && !raw.getName().startsWith("java.") && !raw.getName().startsWith("javax.");
    }

    private String struct(JavaType type) {
        String name = names.get(type);
        if (name != null) {
            return name;
        }
        name = allocate(type);
        names.put(type, name);
        types.put(name, null); // its place in the order: where it was first met, before what it contains
        StructFields layout = mapper.structFields(type);
        if (!layout.ordered()) {
            notes.add(layout.unorderedReason() + "; a positional array (rmp_serde::to_vec) for it is answered with "
                    + "an Err");
        }
        List<Field> fields = new ArrayList<>();
        for (BeanPropertyDefinition property : layout.fields()) {
            AnnotatedMember member = property.getPrimaryMember();
            RustType declared = member == null ? null : member.getAnnotation(RustType.class);
            fields.add(new Field(property.getName(), map(property.getPrimaryType(), declared,
                    type.getRawClass().getSimpleName() + "." + property.getInternalName())));
        }
        types.put(name, new TypeDef(name, type.toCanonical(), false, List.copyOf(fields), List.of(),
                layout.ordered()));
        return name;
    }

    @SuppressWarnings("unchecked")
    private String enumeration(JavaType type) {
        String name = names.get(type);
        if (name == null) {
            name = allocate(type);
            names.put(type, name);
            List<String> variants = mapper.variantNames((Class<? extends Enum<?>>) type.getRawClass());
            types.put(name, new TypeDef(name, type.toCanonical(), true, List.of(), variants, true));
        }
        return name;
    }

    /** The class's simple name (with its type arguments for a generic one), made unique. */
    private String allocate(JavaType type) {
        StringBuilder base = new StringBuilder(RustNames.typeName(type.getRawClass().getSimpleName()));
        for (int i = 0; i < type.containedTypeCount(); i++) {
            base.append(RustNames.typeName(mapper.typeOf(type.containedType(i)).getRawClass().getSimpleName()));
        }
        String name = base.toString();
        for (Class<?> outer = type.getRawClass().getEnclosingClass(); taken.contains(name) && outer != null;
                outer = outer.getEnclosingClass()) {
            name = RustNames.typeName(outer.getSimpleName()) + name;
        }
        String unique = name;
        for (int n = 2; taken.contains(unique); n++) {
            unique = name + n;
        }
        taken.add(unique);
        return unique;
    }

    /** The types that variants mention, directly or through other types; a struct variant's own is left out. */
    private static List<TypeDef> reachable(List<Variant> variants, Map<String, TypeDef> types) {
        Set<String> seen = new LinkedHashSet<>();
        List<RustTypeRef> pending = new ArrayList<>();
        variants.forEach(variant -> pending.addAll(variant.types()));
        while (!pending.isEmpty()) {
            Set<String> mentioned = new LinkedHashSet<>();
            pending.remove(pending.size() - 1).allNames(mentioned);
            for (String name : mentioned) {
                if (seen.add(name)) {
                    types.get(name).fields().forEach(field -> pending.add(field.type()));
                }
            }
        }
        return types.values().stream().filter(type -> seen.contains(type.name())).toList();
    }

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }
}
