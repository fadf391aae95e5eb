package ai.hyperware.ext.payload;

import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;

/** What a property declares about its Rust type, and how to name the property in a start-up error. */
final class Declarations {

    private Declarations() {
    }

    /** The {@link RustType} on the property (a record component, a field, a handler parameter), or null. */
    static RustType rustType(BeanProperty property) {
        return property == null ? null : property.getAnnotation(RustType.class);
    }

    /**
     * The Rust integer a Java integer on {@code property} stands for: the {@link RustType} there, else
     * {@code otherwise}.
     *
     * @throws JsonMappingException (a bad definition, which stops the start-up) naming the field and the fix, if the
     *                              Java type cannot hold the declared Rust type
     */
    static RustInteger integer(DatabindContext context, BeanProperty property, Class<?> javaType,
            RustInteger otherwise) throws JsonMappingException {
        RustType declared = rustType(property);
        if (declared == null) {
            return otherwise;
        }
        if (!declared.value().fitsIn(javaType)) {
            return context.reportBadDefinition(context.constructType(javaType), "@RustType(" + declared.value()
                    + ") on " + where(property) + ": a Rust " + declared.value().rustName() + " does not fit a Java "
                    + javaType.getSimpleName() + "; declare it " + declared.value().javaTypeName()
                    + " (or BigInteger)");
        }
        return declared.value();
    }

    /** {@code Classify.topK}, or the handler parameter's description. */
    static String where(BeanProperty property) {
        if (property instanceof AnnotatedRoot.Property root) {
            return root.description();
        }
        AnnotatedMember member = property.getMember();
        return member == null ? property.getName()
                : member.getDeclaringClass().getSimpleName() + "." + property.getName();
    }
}
