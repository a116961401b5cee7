package org.treatyregistry.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.Disposables;

/**
 * The gateway is ready when it can route. Until the load balancer's health checks have found a ready instance of
 * every service at once, every request to some service would be answered 503, so the {@code routing} contributor
 * (in the readiness group, gateway.yml) is OUT_OF_SERVICE; from then on it is UP for good: a service left without
 * a ready instance later is that service's outage, answered 503 with Retry-After ({@link UnavailableServiceFilter}),
 * not a reason to take the whole gateway away.
 * <p>
 * The checks start here, before the application reports itself ready, and startup waits until the gateway can
 * route ({@code treaty.gateway.wait-for-routing}, default a minute): the local run takes the gateway's start for its
 * readiness. A gateway started while a service is down starts after that wait, answering 503 for that service, and
 * its readiness stays OUT_OF_SERVICE until an instance of it is ready.
 */
@Component("routing")
class RoutingReadiness implements HealthIndicator, ApplicationRunner, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RoutingReadiness.class);

    private final LoadBalancerClientFactory balancers;
    private final Set<String> services;
    /** Per service, whether its latest round found an instance ready; absent until its first round. */
    private final Map<String, Boolean> routable = new ConcurrentHashMap<>();
    private final Duration waitForRouting;
    private final CountDownLatch routing = new CountDownLatch(1);
    private final Disposable.Composite subscriptions = Disposables.composite();
    private volatile boolean ready;

    RoutingReadiness(LoadBalancerClientFactory balancers, TreatyGatewayProperties properties,
            @Value("${treaty.gateway.wait-for-routing:1m}") Duration waitForRouting) {
        this.balancers = balancers;
        this.services = properties.gateway().routes().instances().keySet();
        this.waitForRouting = waitForRouting;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        for (String service : services) {
            // Creates the service's load balancer, whose checks start with it; each round's list is replayed.
            ServiceInstanceListSupplier checked = balancers.getInstance(service, ServiceInstanceListSupplier.class);
            subscriptions.add(checked.get().subscribe(instances -> checked(service, instances)));
        }
        if (!routing.await(waitForRouting.toMillis(), TimeUnit.MILLISECONDS)) {
            log.warn("No instance ready after {} for {}: the gateway starts, not ready until there is one of each",
                    waitForRouting, services.stream().filter(service -> !routable.getOrDefault(service, false))
                            .toList());
        }
    }

    private void checked(String service, List<ServiceInstance> instances) {
        routable.put(service, !instances.isEmpty());
        // Every round writes before it reads, so the last of two rounds completing together sees both.
        if (!ready && services.stream().allMatch(each -> routable.getOrDefault(each, false))) {
            ready = true;
            log.info("An instance of every service is ready: the gateway can route");
            routing.countDown();
        }
    }

    @Override
    public Health health() {
        if (ready) {
            return Health.up().build();
        }
        Health.Builder waiting = Health.outOfService();
        for (String service : services) {
            Boolean any = routable.get(service);
            waiting.withDetail(service, any == null ? "not checked yet" : any ? "ready" : "no instance ready");
        }
        return waiting.build();
    }

    @Override
    public void destroy() {
        subscriptions.dispose();
    }
}
