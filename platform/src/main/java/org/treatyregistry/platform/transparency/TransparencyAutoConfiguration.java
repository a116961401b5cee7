package org.treatyregistry.platform.transparency;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.treatyregistry.platform.eventstore.EventLeaf;
import org.treatyregistry.platform.operations.NotReplayable;
import org.treatyregistry.transparency.NoteKeys;

/**
 * Every service's transparency log (decision 0026). The signing key is the operator's: {@code treaty.log.key}
 * (environment {@code TREATY_LOG_KEY}, a C2SP signer key {@code PRIVATE+KEY+<name>+<id>+<key>}) or a file holding
 * one ({@code treaty.log.key-file}); its name is the log's origin. Without either the service generates a key for
 * this run only and says so: checkpoints it signs verify against nothing an auditor was given.
 */
@AutoConfiguration
@ConditionalOnProperty("treaty.service.name")
public class TransparencyAutoConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(TransparencyAutoConfiguration.class);

    @Bean
    TransparencyLog transparencyLog(MongoDatabase serviceDatabase, @Value("${treaty.service.name}") String service,
                                    @Value("${treaty.log.key:}") String key,
                                    @Value("${treaty.log.key-file:}") String keyFile,
                                    ObjectProvider<Clock> clock) {
        NoteKeys.Signer signer = signer(service, key, keyFile);
        LOG.info("Transparency log {}: verifier key {}", signer.name(), signer.verifier().encoded());
        return new TransparencyLog(serviceDatabase, signer.name(), signer, clock.getIfAvailable(Clock::systemUTC));
    }

    static NoteKeys.Signer signer(String service, String key, String keyFile) {
        if (!key.isBlank()) {
            return NoteKeys.signer(key.strip());
        }
        if (!keyFile.isBlank()) {
            try {
                return NoteKeys.signer(Files.readString(Path.of(keyFile), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the transparency log's key from " + keyFile, e);
            }
        }
        NoteKeys.Signer ephemeral = NoteKeys.signer(NoteKeys.generate("treaty-registry/" + service));
        LOG.warn("No transparency log key (treaty.log.key or treaty.log.key-file): signing with a key made for "
                + "this run only, {}. Give the service a key of its own, or no auditor can verify its checkpoints "
                + "after a restart.", ephemeral.verifier().encoded());
        return ephemeral;
    }

    @Bean
    LogAppender logAppender(TransparencyLog log, MongoDatabase serviceDatabase, Checkpointer checkpointer,
                            @Value("${treaty.service.name}") String service) {
        return new LogAppender(log, serviceDatabase, EventLeaf.sourceOf(service), checkpointer::grew);
    }

    @Bean
    NotReplayable transparencyLogIsNotReplayed() {
        return new NotReplayable(LogAppender.PROCESSING_GROUP, "a transparency log is append-only; its leaves stay "
                + "at their indexes for good (decision 0026)");
    }

    /** One segment: the log's order is the order one reader is delivered the store in. */
    @Bean
    ConfigurerModule transparencyLogInOneSegment() {
        return configurer -> configurer.eventProcessing().registerPooledStreamingEventProcessorConfiguration(
                LogAppender.PROCESSING_GROUP, (configuration, builder) -> builder.initialSegmentCount(1));
    }

    @Bean
    RecordedLeaves recordedLeaves(MongoDatabase serviceDatabase, @Value("${treaty.service.name}") String service) {
        return new RecordedLeaves(serviceDatabase, EventLeaf.sourceOf(service));
    }

    @Bean
    LogAudit logAudit(TransparencyLog log, RecordedLeaves leaves, MongoDatabase serviceDatabase,
                      ObjectProvider<Clock> clock, MeterRegistry meters) {
        return new LogAudit(log, leaves, serviceDatabase, clock.getIfAvailable(Clock::systemUTC), meters);
    }

    /**
     * On every instance: a checkpoint signed soon after its appender grew the tree, at most one every
     * {@code treaty.log.checkpoint-spacing}, and whenever the tree grew at all every
     * {@code treaty.log.checkpoint-every} (leaves an instance appended before it died); the self-audit every
     * {@code treaty.log.audit-every}, run by one instance.
     */
    @Bean
    Checkpointer checkpointer(TransparencyLog log, LogAudit audit,
                              @Value("${treaty.log.checkpoint-every:PT0.5S}") Duration checkpointEvery,
                              @Value("${treaty.log.checkpoint-spacing:PT0.2S}") Duration checkpointSpacing,
                              @Value("${treaty.log.audit-every:PT10M}") Duration auditEvery) {
        return new Checkpointer(log, audit, checkpointEvery, checkpointSpacing, auditEvery);
    }

    /** {@code treaty.log.size} (entries hashed) and {@code treaty.log.checkpoint.size} (the latest signed). */
    @Bean
    MeterBinder transparencyLogMeters(TransparencyLog log) {
        return registry -> {
            Gauge.builder("treaty.log.size", log, TransparencyLog::size)
                    .description("entries in the transparency log").register(registry);
            Gauge.builder("treaty.log.checkpoint.size", log,
                            l -> l.latest().map(TransparencyLog.SignedCheckpoint::size).orElse(0L))
                    .description("entries covered by the latest signed checkpoint").register(registry);
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    static class Api {

        @Bean
        LogController logController(TransparencyLog log, RecordedLeaves leaves) {
            return new LogController(log, leaves);
        }
    }
}
