package ai.hyperware.ext.connection;

/** Told of every frame that was not delivered, for metrics. Must be quick and must not throw. */
@FunctionalInterface
public interface DropListener {

    void dropped(DropReason reason);

    DropListener NONE = reason -> {
    };
}
