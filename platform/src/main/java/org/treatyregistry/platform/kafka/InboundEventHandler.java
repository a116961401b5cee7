package org.treatyregistry.platform.kafka;

/**
 * A projection fed by events from other services' topics. Implementations must be idempotent (set, not
 * increment): the inbox drops redelivered events by id, but a crash between a projection's write and the
 * inbox's record of it hands the same event over again.
 */
public interface InboundEventHandler {

    void on(InboundEvent event);
}
