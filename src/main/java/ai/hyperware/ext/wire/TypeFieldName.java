package ai.hyperware.ext.wire;

/**
 * The name under which a named frame carries its {@link MessageType}.
 *
 * <p>Kinode nodes up to 1.0.0 call the field {@code kinode_message_type}; Hyperdrive 1.1.0 and later call it
 * {@code hyperware_message_type}. In map form a node rejects the name it does not know, so a reply uses the name
 * its request carried.
 */
public enum TypeFieldName {
    HYPERWARE("hyperware_message_type"),
    KINODE("kinode_message_type");

    private final String fieldName;

    TypeFieldName(String fieldName) {
        this.fieldName = fieldName;
    }

    /** The map key written on the wire. */
    public String fieldName() {
        return fieldName;
    }

    static TypeFieldName fromFieldName(String name) {
        for (TypeFieldName candidate : values()) {
            if (candidate.fieldName.equals(name)) {
                return candidate;
            }
        }
        return null;
    }
}
