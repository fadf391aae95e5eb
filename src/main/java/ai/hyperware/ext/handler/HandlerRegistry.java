package ai.hyperware.ext.handler;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** The handlers by variant name. Filled at start-up; read on every request. */
public final class HandlerRegistry {

    private final Map<String, HandlerMethod> byVariant = new ConcurrentSkipListMap<>();

    /**
     * Adds a handler.
     *
     * @throws IllegalStateException naming both methods, if another handler already has the variant
     */
    public void register(HandlerMethod handler) {
        HandlerMethod existing = byVariant.putIfAbsent(handler.variant(), handler);
        if (existing != null) {
            throw new IllegalStateException("variant \"" + handler.variant() + "\" has two handlers: "
                    + existing.description() + " and " + handler.description()
                    + "; keep one (the built-in Ping and Echo can be turned off with "
                    + "hyperware.extension.diagnostics.enabled=false)");
        }
    }

    public HandlerMethod find(String variant) {
        return byVariant.get(variant);
    }

    /** Every handler, sorted by variant. */
    public Collection<HandlerMethod> handlers() {
        return Collections.unmodifiableCollection(byVariant.values());
    }
}
