package ai.hyperware.ext.fault;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import ai.hyperware.ext.connection.DropListener;
import ai.hyperware.ext.connection.DropReason;
import ai.hyperware.ext.handler.DispatchListener;
import ai.hyperware.ext.handler.Outcome;

/**
 * What the extension itself reports through its listener hooks: every request answered, by outcome, and every frame
 * dropped, by reason. The fault tests hold these against what the simulator saw.
 */
public final class Tally implements DropListener, DispatchListener {

    private final Map<DropReason, LongAdder> drops = new EnumMap<>(DropReason.class);
    private final Map<Outcome, LongAdder> outcomes = new EnumMap<>(Outcome.class);

    public Tally() {
        for (DropReason reason : DropReason.values()) {
            drops.put(reason, new LongAdder());
        }
        for (Outcome outcome : Outcome.values()) {
            outcomes.put(outcome, new LongAdder());
        }
    }

    @Override
    public void dropped(DropReason reason) {
        drops.get(reason).increment();
    }

    @Override
    public void answered(String variant, Outcome outcome, long elapsedNanos) {
        outcomes.get(outcome).increment();
    }

    public long drops(DropReason reason) {
        return drops.get(reason).sum();
    }

    public long dropsInAll() {
        return drops.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long answers(Outcome outcome) {
        return outcomes.get(outcome).sum();
    }

    public long answersInAll() {
        return outcomes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    @Override
    public String toString() {
        return "dropped " + drops + ", answered " + outcomes;
    }
}
