package ai.hyperware.ext.autoconfigure;

import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;

import ai.hyperware.ext.connection.DropListener;
import ai.hyperware.ext.connection.TrafficListener;
import ai.hyperware.ext.handler.DispatchListener;

/**
 * Combines every listener bean of a kind into one, so that metrics and an application's own listeners can both
 * hear of each event. One failing listener is logged and skipped: instrumentation never costs a reply.
 */
final class Listeners {

    private static final Logger log = LoggerFactory.getLogger(Listeners.class);

    private Listeners() {
    }

    static DispatchListener dispatch(ObjectProvider<DispatchListener> beans) {
        List<DispatchListener> all = beans.orderedStream().toList();
        return (variant, outcome, elapsedNanos) -> each(all, l -> l.answered(variant, outcome, elapsedNanos));
    }

    static DropListener drop(ObjectProvider<DropListener> beans) {
        List<DropListener> all = beans.orderedStream().toList();
        return reason -> each(all, l -> l.dropped(reason));
    }

    static TrafficListener traffic(ObjectProvider<TrafficListener> beans) {
        List<TrafficListener> all = beans.orderedStream().toList();
        return new TrafficListener() {
            @Override
            public void received(long bytes) {
                each(all, l -> l.received(bytes));
            }

            @Override
            public void sent(long bytes) {
                each(all, l -> l.sent(bytes));
            }

            @Override
            public void waited(boolean refusal, long waitedNanos) {
                each(all, l -> l.waited(refusal, waitedNanos));
            }
        };
    }

    private static <L> void each(List<L> listeners, Consumer<L> call) {
        for (L listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.debug("Listener {} failed; ignored", listener, e);
            }
        }
    }
}
