package ai.hyperware.ext.payload;

import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;

/** What a property declares about its Rust type, and how to name the property in a start-up error. */
final class Declarations {

    private Declarations() {
    }

    /** The {@link RustType} on the property (a record component, a field, a handler parameter), or null. */
    static RustType rustType(BeanProperty property) {
        return property == null ? null : property.getAnnotation(RustType.class);
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
