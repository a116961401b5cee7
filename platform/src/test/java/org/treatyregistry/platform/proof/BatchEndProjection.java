package org.treatyregistry.platform.proof;

import com.mongodb.MongoTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.platform.failures.BatchEnd;

/**
 * A projection that writes its batch at the batch's end ({@link BatchEnd#defer}), as the land-release projection
 * does: the whole batch or nothing. Its write can fail for good on a chosen event (as "release of unknown area"
 * does), its handler can fail on one (poison), and its write can be held while a test acts.
 */
@ProcessingGroup(BatchEndProjection.PROCESSING_GROUP)
public class BatchEndProjection {

    public static final String PROCESSING_GROUP = "proof-batch-end";
    private static final String BATCH = BatchEndProjection.class.getName() + ".batch";

    private final Map<String, List<Long>> written = new ConcurrentHashMap<>();
    private final Set<String> failingWrite = ConcurrentHashMap.newKeySet();
    private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch[]> holds = new ConcurrentHashMap<>();

    @EventHandler
    void on(InstrumentDeposited event, @SequenceNumber long sequence) {
        String key = event.iso3() + "#" + sequence;
        if (poisoned.contains(key)) {
            throw new IllegalStateException("injected: the handler cannot handle " + key);
        }
        List<String> batch = BatchEnd.defer(BATCH, ArrayList::new, this::write);
        if (batch == null) {
            write(List.of(key));
        } else {
            batch.add(key);
        }
    }

    private void write(List<String> keys) {
        for (String key : keys) {
            if (unavailable.contains(key)) {
                throw new MongoTimeoutException("injected: MongoDB unreachable while writing " + key);
            }
            if (failingWrite.contains(key)) {
                throw new IllegalStateException("injected: release of unknown area " + key);
            }
            CountDownLatch[] hold = holds.remove(key);
            if (hold != null) {
                hold[0].countDown();
                await(hold[1]);
            }
        }
        for (String key : keys) {
            String[] parts = key.split("#");
            written.computeIfAbsent(parts[0], s -> new CopyOnWriteArrayList<>()).add(Long.parseLong(parts[1]));
        }
    }

    /** The batch write fails every time it holds this event, until cured. */
    public void failWrite(String iso3, long sequence) {
        failingWrite.add(iso3 + "#" + sequence);
    }

    /** The batch write fails as if MongoDB were unreachable every time it holds this event, until cured. */
    public void unavailableFor(String iso3, long sequence) {
        unavailable.add(iso3 + "#" + sequence);
    }

    public void poison(String iso3, long sequence) {
        poisoned.add(iso3 + "#" + sequence);
    }

    /** The write holding this event counts {@code entered} down, then waits for {@code release}. */
    public void hold(String iso3, long sequence, CountDownLatch entered, CountDownLatch release) {
        holds.put(iso3 + "#" + sequence, new CountDownLatch[] {entered, release});
    }

    public void cure() {
        failingWrite.clear();
        unavailable.clear();
        poisoned.clear();
    }

    public Map<String, List<Long>> written() {
        return written;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(2, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
