package org.treatyregistry.platform.kafka;

import java.time.Duration;

/**
 * How long the publisher's producer may block on a send (for metadata or buffer space) and how long a batch waits
 * for Kafka's acknowledgements: each ends with Kafka's own timeout, a transient failure, before Axon interrupts
 * the handler (its handler timeout) or the batch (its unit-of-work timeout). An interrupted send is classified
 * transient too, but a wait that ends by itself leaves the producer and the thread in a known state.
 *
 * @param send the producer's {@code max.block.ms}: at most half the handler timeout and a quarter of the batch's
 * @param ack  the wait for a batch's acknowledgements, also the producer's {@code delivery.timeout.ms}: at most
 *             half the batch timeout, so that a blocked send and the wait together end within three quarters of it
 */
public record PublisherWaits(Duration send, Duration ack) {

    /**
     * @param ackTimeout       {@code treaty.kafka.publisher.ack-timeout}, the longest either wait may be
     * @param handlerTimeoutMs Axon's timeout of an event handler; negative when there is none
     * @param batchTimeoutMs   Axon's timeout of the publisher's unit of work (a batch); negative when there is none
     */
    public static PublisherWaits within(Duration ackTimeout, long handlerTimeoutMs, long batchTimeoutMs) {
        Duration send = ackTimeout;
        Duration ack = ackTimeout;
        if (handlerTimeoutMs > 0) {
            send = min(send, Duration.ofMillis(handlerTimeoutMs / 2));
        }
        if (batchTimeoutMs > 0) {
            send = min(send, Duration.ofMillis(batchTimeoutMs / 4));
            ack = min(ack, Duration.ofMillis(batchTimeoutMs / 2));
        }
        return new PublisherWaits(send, ack);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
