package org.treatyregistry.platform.operations;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.treatyregistry.platform.failures.Failures;

/**
 * The operator's one view of a service across its instances: every {@link OperatorHealthSource}'s section, read
 * at most once every {@value #FRESH_MILLIS} ms whoever asks (the endpoint, health, metrics).
 */
public class OperatorHealth {

    private static final long FRESH_MILLIS = 2_000;

    /** The service's view: whether anything is stuck, and each section. */
    public record Overview(String service, boolean attention, Instant readAt,
                           Map<String, OperatorHealthSource.Section> sections) {
    }

    private final String service;
    private final List<OperatorHealthSource> sources;
    private volatile Overview last;

    public OperatorHealth(String service, List<OperatorHealthSource> sources) {
        this.service = service;
        this.sources = List.copyOf(sources);
    }

    public Overview read() {
        Overview cached = last;
        if (cached != null && cached.readAt().plus(Duration.ofMillis(FRESH_MILLIS)).isAfter(Instant.now())) {
            return cached;
        }
        Map<String, OperatorHealthSource.Section> sections = new LinkedHashMap<>();
        for (OperatorHealthSource source : sources) {
            sections.put(source.name(), readSafely(source));
        }
        Overview read = new Overview(service, sections.values().stream()
                .anyMatch(OperatorHealthSource.Section::attention), Instant.now(), sections);
        last = read;
        return read;
    }

    private static OperatorHealthSource.Section readSafely(OperatorHealthSource source) {
        try {
            return source.read();
        } catch (RuntimeException unreadable) {
            // An unreadable section is itself something to look at, never a silent "nothing stuck".
            return new OperatorHealthSource.Section(List.of(new OperatorHealthSource.Stuck("section unreadable",
                    source.name(), Instant.now(), Failures.describe(unreadable), "check the service's MongoDB")),
                    Map.of());
        }
    }

    /** One health component per section, DOWN while something in it is stuck. */
    public CompositeHealthContributor contributor() {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        for (OperatorHealthSource source : sources) {
            indicators.put(source.name(), () -> {
                OperatorHealthSource.Section section = read().sections().get(source.name());
                return (section.attention() ? Health.down() : Health.up())
                        .withDetail("stuck", section.stuck()).withDetails(section.details()).build();
            });
        }
        return CompositeHealthContributor.fromMap(indicators);
    }
}
