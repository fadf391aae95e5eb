package ai.hyperware.ext.payload;

/** A payload that cannot be read as, or written from, the Rust-serde MessagePack shape that was expected. */
public class PayloadException extends Exception {

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
