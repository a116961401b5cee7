package org.treatyregistry.platform.proof;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.treatyregistry.contract.participation.InstrumentDeposited;

/** An Axon projection of the proof service's own store: each State's sequence numbers in the order handled. */
@ProcessingGroup(ProofProjection.PROCESSING_GROUP)
public class ProofProjection {

    public static final String PROCESSING_GROUP = "proof-projection";

    private final Map<String, List<Long>> handled = new ConcurrentHashMap<>();
    private final Faults faults = new Faults();

    @EventHandler
    void on(InstrumentDeposited event, @SequenceNumber long sequence) {
        faults.check(event.iso3(), sequence);
        handled.computeIfAbsent(event.iso3(), s -> new CopyOnWriteArrayList<>()).add(sequence);
    }

    public Map<String, List<Long>> handled() {
        return handled;
    }

    public Faults faults() {
        return faults;
    }
}
