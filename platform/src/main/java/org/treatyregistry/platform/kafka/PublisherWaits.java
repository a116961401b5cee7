package org.treatyregistry.platform.kafka;

import java.time.Duration;

/**
 * How long the publisher's producers may block on a call, and how long a record may wait for delivery: each ends
 * with Kafka's own timeout, a transient failure, before Axon interrupts the handler (its handler timeout) or the
 * batch (its unit-of-work timeout). An interrupted call is classified transient too, but a wait that ends by itself
 * leaves the producer and the thread in a known state.
 *
 * @param send the producers' {@code max.block.ms}, the bound of each blocking call: starting a producer's
 *             transactions, a send waiting for metadata or buffer space, the commit waiting for acknowledgements;
 *             and of the wait for the transparency log to hold the batch. A batch of one event makes all four in
 *             one handler call, so at most a fifth of the handler timeout; and a fifth of the batch's, so that the
 *             log's wait and the commit's end within seven tenths of it
 * @param ack  the producers' {@code delivery.timeout.ms}, how long a record may wait for delivery: at most half the
 *             batch timeout
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
            send = min(send, Duration.ofMillis(handlerTimeoutMs / 5));
        }
        if (batchTimeoutMs > 0) {
            send = min(send, Duration.ofMillis(batchTimeoutMs / 5));
            ack = min(ack, Duration.ofMillis(batchTimeoutMs / 2));
        }
        return new PublisherWaits(send, ack);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
