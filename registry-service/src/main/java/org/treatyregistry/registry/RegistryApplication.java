package org.treatyregistry.registry;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.treatyregistry.platform.instances.ServiceMain;

/** registry-service: States' participation in the Convention and their obligations. */
@SpringBootApplication
public class RegistryApplication {

    /** The application with its own configuration file, so that it can share a JVM with the other services. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(RegistryApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setDefaultProperties(Map.of("spring.config.name", "registry-service"));
        return application;
    }

    public static void main(String[] args) {
        ServiceMain.run(application(), args);
    }
}
