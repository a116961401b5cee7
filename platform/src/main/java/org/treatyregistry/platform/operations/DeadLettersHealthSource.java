package org.treatyregistry.platform.operations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.treatyregistry.platform.failures.DeadLetters;

/**
 * Section {@code deadLetters}: per processor (the Kafka inbox is {@code inbox}) how many letters it holds and the
 * oldest; each held sequence as a stuck thing, with its first letter's error and how to retry or discard it.
 */
public class DeadLettersHealthSource implements OperatorHealthSource {

    private final String service;
    private final DeadLetters deadLetters;

    public DeadLettersHealthSource(String service, DeadLetters deadLetters) {
        this.service = service;
        this.deadLetters = deadLetters;
    }

    @Override
    public String name() {
        return "deadLetters";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public Section read() {
        List<Stuck> stuck = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        Map<String, Long> counts = deadLetters.counts();
        for (String processor : counts.keySet()) {
            Instant oldest = null;
            if (counts.get(processor) > 0) {
                for (DeadLetters.Sequence sequence : deadLetters.list(processor)) {
                    DeadLetters.Letter first = sequence.letters().get(0);
                    Instant since = sequence.letters().stream().map(DeadLetters.Letter::deadLetteredAt)
                            .min(Comparator.naturalOrder()).orElse(first.deadLetteredAt());
                    oldest = oldest == null || since.isBefore(oldest) ? since : oldest;
                    String retry = "/api/" + service + "/operations/dead-letters/retry?processor="
                            + encode(processor) + "&sequence=" + encode(sequence.sequence());
                    String discard = "/api/" + service + "/operations/dead-letters/discard?processor="
                            + encode(processor) + "&sequence=" + encode(sequence.sequence()) + "&letter="
                            + encode(first.letter());
                    stuck.add(new Stuck(sequence.letters().size() + " letters held, "
                            + (first.type() == null ? "a record no build can read" : first.type()) + " first",
                            processor + " sequence " + sequence.sequence(), since, first.reason(),
                            "Fix the cause, then POST " + retry + " (a letter no build can read: POST " + discard
                                    + ", then retry the letters behind it)",
                            List.of(new Action("Retry the sequence", "POST", retry),
                                    new Action("Discard the first letter", "POST", discard))));
                }
            }
            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("count", counts.get(processor));
            figures.put("oldest", oldest);
            details.put(processor, figures);
        }
        return new Section(stuck, details);
    }
}
