package ai.hyperware.ext.demo;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import ai.hyperware.ext.handler.ExtensionHandler;
import ai.hyperware.ext.payload.RustInteger;
import ai.hyperware.ext.payload.RustType;

/** Sample handlers the demo calls; a template for your own. */
public class DemoHandlers {

    /** {@code Add { a: i64, b: i64 }} on the Rust side. */
    public record Add(long a, long b) {
    }

    /** {@code Divide { dividend: i64, divisor: i64 }}. */
    public record Divide(long dividend, long divisor) {
    }

    /** What {@code Digest} returns: {@code Digest { length: u64, sha256: String }}. */
    public record Digest(@RustType(RustInteger.U64) long length, String sha256) {
    }

    @ExtensionHandler("Add")
    public long add(Add request) {
        return request.a() + request.b();
    }

    @ExtensionHandler("Divide")
    public long divide(Divide request) {
        if (request.divisor() == 0) {
            throw new ArithmeticException("division by zero");
        }
        return request.dividend() / request.divisor();
    }

    @ExtensionHandler("Reverse")
    public String reverse(String text) {
        return new StringBuilder(text).reverse().toString();
    }

    @ExtensionHandler("Digest")
    public Digest digest(byte[] data) throws NoSuchAlgorithmException {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(data);
        return new Digest(data.length, HexFormat.of().formatHex(hash));
    }
}
