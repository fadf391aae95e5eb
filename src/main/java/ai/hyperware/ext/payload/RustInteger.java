package ai.hyperware.ext.payload;

import java.math.BigInteger;

/**
 * The Rust integer types, for {@link RustType}. Each knows its range, so that a value outside it is refused the way
 * serde refuses it, and which Java types can hold every value of it.
 */
public enum RustInteger {
    U8(0, 8), U16(0, 16), U32(0, 32), U64(0, 64),
    I8(-1, 8), I16(-1, 16), I32(-1, 32), I64(-1, 64);

    private final BigInteger min;
    private final BigInteger max;
    private final int bits;

    RustInteger(int signed, int bits) {
        this.bits = bits;
        if (signed < 0) {
            this.min = BigInteger.ONE.shiftLeft(bits - 1).negate();
            this.max = BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        } else {
            this.min = BigInteger.ZERO;
            this.max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        }
    }

    /** The smallest value, e.g. {@code -2147483648} for {@code i32}. */
    public BigInteger min() {
        return min;
    }

    /** The largest value, e.g. {@code 4294967295} for {@code u32}. */
    public BigInteger max() {
        return max;
    }

    /** The type as Rust spells it, e.g. {@code u32}. */
    public String rustName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isUnsigned() {
        return min.signum() == 0;
    }

    public boolean contains(BigInteger value) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /** Whether the number {@code value} (not its bits: {@code -1} is minus one) is in range. */
    public boolean contains(long value) {
        if (bits == 64) {
            return !isUnsigned() || value >= 0;
        }
        return value >= min.longValue() && value <= max.longValue();
    }

    /**
     * The type a Java integer type stands for without an annotation: its own width, signed; {@code u64} for
     * {@code BigInteger}.
     *
     * @throws IllegalArgumentException if {@code javaType} is not a Java integer type
     */
    public static RustInteger defaultFor(Class<?> javaType) {
        return switch (JavaInteger.of(javaType)) {
            case BYTE -> I8;
            case SHORT -> I16;
            case INT -> I32;
            case LONG -> I64;
            case BIG_INTEGER -> U64;
        };
    }

    /** Whether {@code javaType} is one of the Java integer types: the primitives and boxes, and BigInteger. */
    public static boolean isJavaInteger(Class<?> javaType) {
        return JavaInteger.orNull(javaType) != null;
    }

    /**
     * Whether every value of this type fits {@code javaType} exactly: {@code u32} fits {@code long} but not
     * {@code int}. A {@code u64} fits a {@code long} by its 64 bits (read it with {@link Long#toUnsignedString}).
     */
    public boolean fitsIn(Class<?> javaType) {
        return switch (JavaInteger.of(javaType)) {
            case BYTE -> this == I8;
            case SHORT -> this == I8 || this == I16 || this == U8;
            case INT -> bits < 32 || this == I32;
            case LONG, BIG_INTEGER -> true;
        };
    }

    /** The narrowest Java integer type that holds every value of this type, as the README's table gives it. */
    public String javaTypeName() {
        return switch (this) {
            case I8 -> "byte";
            case I16, U8 -> "short";
            case I32, U16 -> "int";
            case I64, U32, U64 -> "long";
        };
    }
}
