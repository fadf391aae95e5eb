package ai.hyperware.ext.contract;

import static ai.hyperware.ext.payload.RustInteger.I64;
import static ai.hyperware.ext.payload.RustInteger.U16;
import static ai.hyperware.ext.payload.RustInteger.U32;
import static ai.hyperware.ext.payload.RustInteger.U64;
import static ai.hyperware.ext.payload.RustInteger.U8;

import java.math.BigInteger;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.handler.RequestContext;
import ai.hyperware.ext.payload.RustType;

/**
 * Handlers that use every type the binding supports, for the contract check: the generator describes them, the
 * generated Rust compiles against rmp_serde, and each variant's sample goes through the real extension and back.
 * Most answer with what they were given ({@link #ECHOES}), so that a value that changed on the way shows.
 */
public class ContractFixtureHandlers {

    /** Registers the fixture in a test's application context. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Registration {
        @Bean
        ContractFixtureHandlers contractFixtureHandlers() {
            return new ContractFixtureHandlers();
        }
    }

    /** The variants whose handler answers with its argument. */
    static final List<String> ECHOES = List.of("Widths", "Scalars", "Collections", "Chain", "Tree", "Pair", "Nested",
            "OrderedPojo", "NamedOnlyPojo", "U32", "U64", "Big", "Text", "Letter", "Flag", "Real", "Single", "Color",
            "List", "Maybe", "Bytes", "Map", "Async", "Raw", "Keywords", "Pages", "Shapes", "Echo");

    /** Every integer width: the Java type alone for the signed ones, {@link RustType} for the unsigned. */
    public record Widths(byte tiny, short small, int medium, long large, @RustType(U8) short ubyte,
            @RustType(U16) int ushort, @RustType(U32) long uint, @RustType(U64) long ulong, BigInteger big,
            @RustType(I64) BigInteger signedBig) {
    }

    public record Scalars(boolean flag, char letter, String text, float single, double twice, Boolean boxedFlag,
            Character boxedLetter, Byte boxedTiny, Short boxedSmall, Integer boxedMedium, Long boxedLarge,
            Float boxedSingle, Double boxedTwice) {
    }

    public enum Color { Red, Green, Blue }

    /** A LinkedHashSet, not a HashSet, so that an echo keeps the order it was sent in. */
    public record Collections(List<Long> list, LinkedHashSet<String> set, Map<String, Integer> table,
            Map<Long, String> byId, Map<Color, Boolean> byColor, int[] ints, long[] longs, String[] strings,
            byte[] bytes, List<byte[]> blobs, Optional<String> maybe, List<Optional<Integer>> sparse,
            @RustType(U32) List<Long> u32s, @RustType(U16) Map<String, Integer> u16s, OptionalInt optionalInt,
            OptionalLong optionalLong, OptionalDouble optionalDouble, char[] letters, boolean[] flags, double[] reals,
            short[] shorts, float[] singles, Color color) {
    }

    /** Contains itself through an Optional: the generator boxes it. */
    public record Chain(int value, Optional<Chain> next) {
    }

    public record Tree(String label, List<Tree> children) {
    }

    public record Pair(long first, long second) {
    }

    public record Nested(Widths widths, Scalars scalars, Optional<Pair> pair) {
    }

    /** A POJO with a defined order: positional too. */
    @JsonPropertyOrder({"name", "count"})
    public static class OrderedPojo {
        public String name;
        @RustType(U32)
        public long count;
    }

    /** A POJO without one: named maps only; a positional array is refused with an Err naming the class. */
    public static class NamedOnlyPojo {
        public String name;
        public int count;
    }

    /** Field names that are Rust keywords: the module renames them. */
    public record Keywords(String type, int match, boolean loop) {
    }

    /** A generic record, used with two type arguments: two structs. */
    public record Page<T>(List<T> items, long total) {
    }

    public record Pages(Page<String> names, Page<Long> numbers) {
    }

    public record Point(int x, int y) {
    }

    /** Holds a second {@code Point}: the module names it {@code GeometryPoint}. */
    public static class Geometry {
        public record Point(double x, double y) {
        }
    }

    public record Shapes(Point grid, Geometry.Point exact) {
    }

    /** The extreme values of every width, written by Java: the reply checks how each is written. */
    public record Extremes(byte minTiny, byte maxTiny, short minSmall, short maxSmall, int minMedium, int maxMedium,
            long minLarge, long maxLarge, @RustType(U8) short maxUbyte, @RustType(U16) int maxUshort,
            @RustType(U32) long maxUint, @RustType(U64) long maxUlong, BigInteger maxBig, float maxSingle,
            double minTwice, char maxLetter) {
    }

    @ExtensionHandler("Widths")
    public Widths widths(Widths value) {
        return value;
    }

    @ExtensionHandler("Scalars")
    public Scalars scalars(Scalars value) {
        return value;
    }

    @ExtensionHandler("Collections")
    public Collections collections(Collections value) {
        return value;
    }

    @ExtensionHandler("Chain")
    public Chain chain(Chain value) {
        return value;
    }

    @ExtensionHandler("Tree")
    public Tree tree(Tree value) {
        return value;
    }

    @ExtensionHandler("Pair")
    public Pair pair(Pair value) {
        return value;
    }

    @ExtensionHandler("Nested")
    public Nested nested(Nested value) {
        return value;
    }

    @ExtensionHandler("OrderedPojo")
    public OrderedPojo orderedPojo(OrderedPojo value) {
        return value;
    }

    @ExtensionHandler("NamedOnlyPojo")
    public NamedOnlyPojo namedOnlyPojo(NamedOnlyPojo value) {
        return value;
    }

    @ExtensionHandler("U32")
    @RustType(U32)
    public long u32(@RustType(U32) long value) {
        return value;
    }

    @ExtensionHandler("U64")
    @RustType(U64)
    public long u64(@RustType(U64) long value) {
        return value;
    }

    @ExtensionHandler("Big")
    public BigInteger big(BigInteger value) {
        return value;
    }

    @ExtensionHandler("Text")
    public String text(String value) {
        return value;
    }

    @ExtensionHandler("Letter")
    public char letter(char value) {
        return value;
    }

    @ExtensionHandler("Flag")
    public boolean flag(boolean value) {
        return value;
    }

    @ExtensionHandler("Real")
    public double real(double value) {
        return value;
    }

    @ExtensionHandler("Single")
    public float single(float value) {
        return value;
    }

    @ExtensionHandler("Color")
    public Color color(Color value) {
        return value;
    }

    @ExtensionHandler("List")
    public List<Widths> list(List<Widths> value) {
        return value;
    }

    @ExtensionHandler("Maybe")
    public Optional<Pair> maybe(Optional<Pair> value) {
        return value;
    }

    @ExtensionHandler("Bytes")
    public byte[] bytes(byte[] value) {
        return value;
    }

    @ExtensionHandler("Map")
    public Map<String, Pair> map(Map<String, Pair> value) {
        return value;
    }

    @ExtensionHandler("Async")
    public CompletableFuture<Pair> async(Pair value) {
        return CompletableFuture.supplyAsync(() -> value);
    }

    /** Answers with the value as the whole reply, not inside {@code {"Ok": ...}}. */
    @ExtensionHandler(value = "Raw", wrapResult = false)
    public Pair raw(Pair value) {
        return value;
    }

    @ExtensionHandler("Keywords")
    public Keywords keywords(Keywords value) {
        return value;
    }

    @ExtensionHandler("Pages")
    public Pages pages(Pages value) {
        return value;
    }

    @ExtensionHandler("Shapes")
    public Shapes shapes(Shapes value) {
        return value;
    }

    @ExtensionHandler("Extremes")
    public Extremes extremes() {
        return new Extremes(Byte.MIN_VALUE, Byte.MAX_VALUE, Short.MIN_VALUE, Short.MAX_VALUE, Integer.MIN_VALUE,
                Integer.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, (short) 255, 65535, 4_294_967_295L, -1L,
                BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), Float.MAX_VALUE, -Double.MAX_VALUE, '\uffff');
    }

    @ExtensionHandler("Nothing")
    public void nothing() {
    }

    @ExtensionHandler("Id")
    public String id(RequestContext context) {
        return context.idString();
    }
}
