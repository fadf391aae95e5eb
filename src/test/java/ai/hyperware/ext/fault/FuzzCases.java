package ai.hyperware.ext.fault;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import ai.hyperware.ext.payload.PayloadException;
import ai.hyperware.ext.payload.RustEnumValue;
import ai.hyperware.ext.payload.RustSerdeMapper;
import ai.hyperware.ext.support.MsgpackMutations;
import ai.hyperware.ext.wire.Frame;
import ai.hyperware.ext.wire.FrameEncoder;
import ai.hyperware.ext.wire.FrameLayout;
import ai.hyperware.ext.wire.MessageType;
import ai.hyperware.ext.wire.TypeFieldName;

/**
 * Inbound messages for the fuzz tests, made from one seed: mostly valid frames whose blob is a damaged value of the
 * type a {@link BindingHandlers} handler binds, so that the damage reaches the binding; some damaged after the id,
 * so that the id is still readable; and some damaged anywhere, or plain random bytes, whose id may be unreadable.
 *
 * <p>Every case with {@link Case#expectedId()} must be answered with that id, Ok or Err; any other must be answered
 * (with whatever id the damage left) or dropped and counted, never both, never neither.
 */
final class FuzzCases {

    private static final HexFormat HEX = HexFormat.of();
    /** Ids of the cases, from 2^63 up, so that each is written in the 9-byte unsigned form. */
    private static final long FIRST_ID = Long.MIN_VALUE + 0x4000_0000L;

    /** How a case was made. */
    enum Kind {
        /** A valid frame; its blob {@code {"Variant": value}} with the value damaged. */
        DAMAGED_VALUE,
        /** A valid frame; its whole blob damaged, variant name and all. */
        DAMAGED_BLOB,
        /** A frame with a valid blob, damaged after its id. */
        DAMAGED_AFTER_ID,
        /** A frame damaged anywhere, its envelope and id too. */
        DAMAGED_ANYWHERE,
        /** Random bytes. */
        RANDOM_BYTES
    }

    /**
     * One inbound message.
     *
     * @param expectedId the id a reply must carry, or {@code null} where the damage may have made it unreadable
     */
    record Case(int index, Kind kind, byte[] message, Long expectedId) {

        @Override
        public String toString() {
            return "case " + index + " (" + kind + ")" + (expectedId == null ? "" : " id "
                    + Long.toUnsignedString(expectedId)) + ": " + HEX.formatHex(message);
        }
    }

    private final RustSerdeMapper mapper;
    private final Random random;
    private int made;

    FuzzCases(RustSerdeMapper mapper, long seed) {
        this.mapper = mapper;
        this.random = new Random(seed);
    }

    Case next() throws PayloadException {
        int index = made++;
        long id = FIRST_ID + index;
        int roll = random.nextInt(100);
        if (roll < 45) {
            String variant = variant();
            byte[] blob = RustEnumValue.of(variant, MsgpackMutations.mutate(validValue(variant), random)).toBytes();
            return new Case(index, Kind.DAMAGED_VALUE, FrameEncoder.encode(frame(id, blob)), id);
        }
        if (roll < 60) {
            byte[] blob = MsgpackMutations.mutate(validBlob(), random);
            return new Case(index, Kind.DAMAGED_BLOB, FrameEncoder.encode(frame(id, blob)), id);
        }
        if (roll < 80) {
            Frame frame = frame(id, validBlob());
            byte[] bytes = FrameEncoder.encode(frame);
            return new Case(index, Kind.DAMAGED_AFTER_ID, MsgpackMutations.mutateFrom(bytes, idEnd(frame), random), id);
        }
        if (roll < 92) {
            return new Case(index, Kind.DAMAGED_ANYWHERE, MsgpackMutations.mutate(FrameEncoder.encode(frame(id, validBlob())), random),
                    null);
        }
        byte[] bytes = new byte[random.nextInt(300)];
        random.nextBytes(bytes);
        return new Case(index, Kind.RANDOM_BYTES, bytes, null);
    }

    /** A frame as a node writes it, or now and then in the positional layout a node also reads. */
    private Frame frame(long id, byte[] blob) {
        FrameLayout layout = random.nextInt(5) == 0 ? FrameLayout.POSITIONAL : FrameLayout.NAMED;
        return new Frame(id, MessageType.RESPONSE, blob, TypeFieldName.HYPERWARE, layout);
    }

    /** Where the id ends in the encoded frame: after the first byte that changes when the id's low bit does. */
    private static int idEnd(Frame frame) {
        byte[] encoded = FrameEncoder.encode(frame);
        byte[] other = FrameEncoder.encode(new Frame(frame.id() ^ 1, frame.type(), frame.blob(),
                frame.typeFieldName(), frame.layout()));
        return Arrays.mismatch(encoded, other) + 1;
    }

    private String variant() {
        return BindingHandlers.VARIANTS.get(random.nextInt(BindingHandlers.VARIANTS.size()));
    }

    private byte[] validBlob() throws PayloadException {
        String variant = variant();
        return RustEnumValue.of(variant, validValue(variant)).toBytes();
    }

    /** A value the variant's handler binds, as rmp_serde writes it: small, so that damage dominates its size. */
    private byte[] validValue(String variant) throws PayloadException {
        return switch (variant) {
            case "Script" -> random.nextBoolean()
                    ? mapper.write(new BindingHandlers.RunScript(text(), bytes(), random.nextLong()))
                    : mapper.write(List.of(text(), bytes(), new BigInteger(Long.toUnsignedString(random.nextLong()))));
            case "Numbers" -> mapper.write(numbers());
            case "Table" -> {
                Map<String, Long> table = new LinkedHashMap<>();
                for (int i = random.nextInt(6); i > 0; i--) {
                    table.put(text(), random.nextLong());
                }
                yield mapper.write(table);
            }
            case "Maybe" -> mapper.write(random.nextBoolean() ? Optional.of(text()) : Optional.empty());
            case "Big" -> mapper.write(new BigInteger(64, random));
            default -> throw new IllegalArgumentException(variant);
        };
    }

    private String text() {
        char[] chars = new char[random.nextInt(12)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(chars);
    }

    private byte[] bytes() {
        byte[] bytes = new byte[random.nextInt(40)];
        random.nextBytes(bytes);
        return bytes;
    }

    private List<Long> numbers() {
        List<Long> numbers = new ArrayList<>();
        for (int i = random.nextInt(20); i > 0; i--) {
            numbers.add(random.nextBoolean() ? random.nextInt(300) : random.nextLong());
        }
        return numbers;
    }
}
