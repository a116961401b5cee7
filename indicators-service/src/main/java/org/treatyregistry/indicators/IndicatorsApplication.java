package org.treatyregistry.indicators;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.treatyregistry.platform.instances.ServiceMain;

/** indicators-service: the Siem Reap-Angkor Action Plan indicators, computed from the events. */
@SpringBootApplication
public class IndicatorsApplication {

    /** The application with its own configuration file, so that it can share a JVM with the other services. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(IndicatorsApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setDefaultProperties(Map.of("spring.config.name", "indicators-service"));
        return application;
    }

    public static void main(String[] args) {
        ServiceMain.run(application(), args);
    }
}
