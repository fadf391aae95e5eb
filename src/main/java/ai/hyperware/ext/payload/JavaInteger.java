package ai.hyperware.ext.payload;

import java.math.BigInteger;

/** The Java integer types a Rust integer binds to, with the conversion from a value already checked to fit. */
enum JavaInteger {
    BYTE, SHORT, INT, LONG, BIG_INTEGER;

    /** @throws IllegalArgumentException if {@code type} is not an integer type */
    static JavaInteger of(Class<?> type) {
        JavaInteger kind = orNull(type);
        if (kind == null) {
            throw new IllegalArgumentException(type.getName() + " is not a Java integer type");
        }
        return kind;
    }

    static JavaInteger orNull(Class<?> type) {
        if (type == byte.class || type == Byte.class) {
            return BYTE;
        }
        if (type == short.class || type == Short.class) {
            return SHORT;
        }
        if (type == int.class || type == Integer.class) {
            return INT;
        }
        if (type == long.class || type == Long.class) {
            return LONG;
        }
        return type == BigInteger.class ? BIG_INTEGER : null;
    }

    /** {@code value} as this type; a {@code u64} above 2^63 becomes a {@code long} with the same 64 bits. */
    Object convert(BigInteger value) {
        return switch (this) {
            case BYTE -> value.byteValue();
            case SHORT -> value.shortValue();
            case INT -> value.intValue();
            case LONG -> value.longValue();
            case BIG_INTEGER -> value;
        };
    }

    Object convert(long value) {
        return switch (this) {
            case BYTE -> (byte) value;
            case SHORT -> (short) value;
            case INT -> (int) value;
            case LONG -> value;
            case BIG_INTEGER -> BigInteger.valueOf(value);
        };
    }
}
