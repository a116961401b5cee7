package org.treatyregistry.platform.instances;

import org.springframework.boot.SpringApplication;

/**
 * How a service process starts: a failed start ends the process with status 1, so that its supervisor (compose's
 * restart policy, or the local run's) sees it and starts it again. Left alone, the threads a half-started
 * service leaves behind (Kafka, Axon) would keep the JVM alive, neither ready nor gone.
 */
public final class ServiceMain {

    private ServiceMain() {
    }

    public static void run(SpringApplication application, String[] args) {
        try {
            application.run(args);
        } catch (RuntimeException e) {
            // Spring Boot has logged the failure.
            System.exit(1);
        }
    }
}
