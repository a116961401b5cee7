package org.treatyregistry.platform.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.treatyregistry.platform.operations.OperatorHealthSource;

/**
 * Section {@code inbox} of the operator's view: each partition of the Kafka inbox stuck on a record, from
 * {@link InboxFailures} (what every instance reads alike), and the consumer group's lag per partition, from the
 * offsets Kafka itself keeps for the group. Kafka not answering leaves the lag unknown, said so; the broker's own
 * state is the {@code kafka} health component.
 */
public class InboxHealthSource implements OperatorHealthSource {

    private static final int TIMEOUT_MS = 3_000;

    private final String service;
    private final String group;
    private final InboxFailures failures;
    private final Supplier<Admin> admin;

    public InboxHealthSource(String service, String group, InboxFailures failures, Supplier<Admin> admin) {
        this.service = service;
        this.group = group;
        this.failures = failures;
        this.admin = admin;
    }

    @Override
    public String name() {
        return "inbox";
    }

    @Override
    public Section read() {
        List<Stuck> stuck = new ArrayList<>();
        for (InboxFailures.Failure f : failures.current()) {
            stuck.add(new Stuck((f.retried() ? "retrying " : "failing for good, being dead-lettered: ") + f.eventType()
                    + " " + f.eventId() + " (" + f.key() + "), " + f.attempts() + " attempts",
                    f.topic() + "-" + f.partition() + " offset " + f.offset() + " on " + f.instance(), f.since(),
                    f.error(), f.retried() ? "Fix the cause (the service's MongoDB, most often); the partition goes on "
                    + "by itself at its next successful attempt, and its later records follow in order."
                    : "Nothing to do here: the record goes to the dead letters (section deadLetters, processor "
                    + "inbox), from where it is retried once its cause is fixed: POST /api/" + service
                    + "/operations/dead-letters/retry?processor=inbox"));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("group", group);
        details.put("lag", lag());
        return new Section(stuck, details);
    }

    /** Records of each partition not yet handled by the group: its end offset less the group's committed one. */
    private Object lag() {
        try (Admin kafka = admin.get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = kafka.listConsumerGroupOffsets(group,
                            new ListConsumerGroupOffsetsOptions().timeoutMs(TIMEOUT_MS))
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<String, Long> lag = new TreeMap<>();
            kafka.listOffsets(latest, new ListOffsetsOptions().timeoutMs(TIMEOUT_MS)).all()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS).forEach((partition, end) -> {
                        OffsetAndMetadata at = committed.get(partition);
                        lag.put(partition.toString(), end.offset() - (at == null ? 0 : at.offset()));
                    });
            return lag;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return "unknown: Kafka did not answer (" + e.getClass().getSimpleName() + ")";
        }
    }
}
