package org.treatyregistry.platform.kafka;

import java.util.List;

/**
 * A projection fed by events from other services' topics. Implementations must be idempotent (set, not
 * increment): the inbox drops redelivered events by id, but a crash between a projection's write and the
 * inbox's record of it hands the same event over again.
 */
public interface InboundEventHandler {

    void on(InboundEvent event);

    /**
     * A projection that takes a poll's events together, in their order on the topic, so that its store writes
     * them at once. If the lot fails for good, the inbox hands them over again one by one with {@link #on}, to pin
     * the failure on its event: the lot's writes must be as idempotent as each event's.
     */
    interface Batched extends InboundEventHandler {

        void onAll(List<InboundEvent> events);
    }
}
