package ai.hyperware.ext.fault;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.payload.RustInteger;
import ai.hyperware.ext.payload.RustType;

/**
 * Handlers whose parameters cover the binding kinds a Rust process sends: a struct with a {@code Vec<u8>} and a
 * {@code u64}, a {@code Vec<u64>}, a {@code HashMap<String, u64>}, an {@code Option<String>} and a {@code u128}-sized
 * integer. The fuzz tests send them damaged values; each answers with something small, so that a reply's size never
 * depends on the input.
 */
public class BindingHandlers {

    /** {@code RunScript { package_id: String, args: Vec<u8>, n: u64 }}, PROTOCOL.md §5. */
    public record RunScript(String packageId, byte[] args, @RustType(RustInteger.U64) long n) {
    }

    /** The variants above, which the fuzzers send damaged values to. */
    static final List<String> VARIANTS = List.of("Script", "Numbers", "Table", "Maybe", "Big");

    @ExtensionHandler("Script")
    public String script(RunScript script) {
        return script.packageId().length() + ":" + script.args().length + ":" + Long.toUnsignedString(script.n());
    }

    @ExtensionHandler("Numbers")
    public int numbers(List<Long> numbers) {
        return numbers.size();
    }

    @ExtensionHandler("Table")
    public int table(Map<String, Long> table) {
        return table.size();
    }

    @ExtensionHandler("Maybe")
    public int maybe(Optional<String> text) {
        return text.map(String::length).orElse(-1);
    }

    @ExtensionHandler("Big")
    public int big(BigInteger value) {
        return value.bitLength();
    }
}
