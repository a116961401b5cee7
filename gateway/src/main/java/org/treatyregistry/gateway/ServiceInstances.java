package org.treatyregistry.gateway;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.cloud.client.discovery.simple.InstanceProperties;
import org.springframework.cloud.client.discovery.simple.reactive.SimpleReactiveDiscoveryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Where each route's {@code lb://<service>} goes: the framework's simple reactive discovery client, fed the instances
 * listed in {@code treaty.gateway.routes.*} ({@code REGISTRY_URIS}, ...). The load balancer (gateway.yml,
 * {@code spring.cloud.loadbalancer}) asks it for the instances of a service and keeps those whose readiness is UP.
 */
@Configuration(proxyBeanMethods = false)
class ServiceInstances {

    /** Replaces the properties the framework would bind from {@code spring.cloud.discovery.client.simple}. */
    @Bean
    SimpleReactiveDiscoveryProperties backendServiceInstances(TreatyGatewayProperties properties) {
        Map<String, List<InstanceProperties>> instances = new LinkedHashMap<>();
        properties.gateway().routes().instances().forEach((service, uris) -> {
            List<InstanceProperties> listed = new ArrayList<>();
            for (URI uri : uris) {
                InstanceProperties instance = new InstanceProperties();
                instance.setUri(uri);
                instance.setPort(uri.getPort()); // explicit already; setUri leaves -1 when a URI has none
                instance.setServiceId(service);
                instance.setInstanceId(uri.getHost() + ":" + uri.getPort());
                listed.add(instance);
            }
            instances.put(service, listed);
        });
        SimpleReactiveDiscoveryProperties discovery = new SimpleReactiveDiscoveryProperties();
        discovery.setInstances(instances);
        return discovery;
    }

    /**
     * The load balancer's health checks call each instance's readiness with a WebClient from this builder; Boot
     * would auto-configure one only with spring-boot-webclient, which the gateway has no other use for.
     */
    @Bean
    @Scope("prototype")
    WebClient.Builder healthCheckWebClientBuilder() {
        return WebClient.builder();
    }
}
