package org.treatyregistry.platform.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.event.ListenerContainerPartitionIdleEvent;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Commits the inbox's position on a partition that has gone quiet, when it is past the group's committed offset.
 * A read_committed consumer reads offsets it is never handed: each transaction's commit marker, and the records and
 * marker of a transaction aborted (a publisher fenced after a broker outage). The container commits after the last
 * record handed over, and corrects for a commit marker read in the same poll ({@code fixTxOffsets}); what is read
 * in a later poll that hands over nothing stays uncommitted, and the group would show a lag for good on a partition
 * whose last transaction was aborted. On a quiet partition every record before the position has been handled:
 * the batch listener runs on the consumer thread, which publishes this event, and a failed record is sought back
 * to, so the position is never past a record not yet handled. A paused partition is left alone.
 */
public class InboxPositions implements ApplicationListener<ListenerContainerPartitionIdleEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(InboxPositions.class);

    private final MessageListenerContainer inbox;
    /** Per partition, the position last found committed: nothing to ask Kafka while it has not moved. */
    private final Map<TopicPartition, Long> settled = new ConcurrentHashMap<>();

    public InboxPositions(MessageListenerContainer inbox) {
        this.inbox = inbox;
    }

    @Override
    public void onApplicationEvent(ListenerContainerPartitionIdleEvent idle) {
        if (idle.getContainer(MessageListenerContainer.class) != inbox || idle.isPaused()) {
            return;
        }
        Consumer<?, ?> consumer = idle.getConsumer();
        TopicPartition partition = idle.getTopicPartition();
        long position = consumer.position(partition);
        if (Long.valueOf(position).equals(settled.get(partition))) {
            return;
        }
        try {
            OffsetAndMetadata committed = consumer.committed(Set.of(partition)).get(partition);
            if (committed == null || position > committed.offset()) {
                consumer.commitSync(Map.of(partition, new OffsetAndMetadata(position)));
            }
            settled.put(partition, position);
        } catch (KafkaException e) {
            // A rebalance or the broker away: nothing is lost, the next quiet interval tries again.
            LOG.info("Could not commit the inbox's position {} on {} now: {}", position, partition, e.toString());
        }
    }
}
