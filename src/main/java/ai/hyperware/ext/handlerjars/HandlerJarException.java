package ai.hyperware.ext.handlerjars;

/** A handler jar that must not be served as it is; the message names the jar, the cause and the fix. */
public final class HandlerJarException extends RuntimeException {

    HandlerJarException(String message) {
        super(message);
    }

    HandlerJarException(String message, Throwable cause) {
        super(message, cause);
    }
}
