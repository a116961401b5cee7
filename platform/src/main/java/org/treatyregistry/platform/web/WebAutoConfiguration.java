package org.treatyregistry.platform.web;

import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.treatyregistry.platform.eventstore.WakingEventStore;
import org.treatyregistry.platform.ingestion.BatchIngestion;
import org.treatyregistry.platform.ingestion.IngestionAdvice;
import org.treatyregistry.platform.ingestion.IngestionLog;
import org.treatyregistry.platform.ingestion.OnePostOneWrite;
import org.treatyregistry.platform.ingestion.StreamIngestion;

@AutoConfiguration
@ConditionalOnProperty("treaty.service.name")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Every endpoint that takes a {@link Reading} gets it from {@code asOf} and {@code knownAt}, read here once. */
    @Bean
    WebMvcConfigurer readingParameters(Clock clock) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ReadingResolver(clock));
            }
        };
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** Reads default to "today" by this clock; tests replace it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The ingestion contract of {@code POST .../events}, with its log of client ids in the service's database. */
    @Bean
    BatchIngestion batchIngestion(MongoDatabase serviceDatabase, Clock clock) {
        return new BatchIngestion(new IngestionLog(serviceDatabase), clock);
    }

    @Bean
    OnePostOneWrite onePostOneWrite(EventStorageEngine storageEngine, EventStore eventStore) {
        return new OnePostOneWrite(storageEngine, eventStore instanceof WakingEventStore waking ? waking::stored
                : () -> { });
    }

    @Bean
    StreamIngestion streamIngestion(BatchIngestion batchIngestion, CommandGateway commands, EventStore eventStore,
                                    OnePostOneWrite onePostOneWrite, Clock clock) {
        return new StreamIngestion(batchIngestion, commands, eventStore, onePostOneWrite, clock);
    }

    @Bean
    IngestionAdvice ingestionAdvice() {
        return new IngestionAdvice();
    }
}
