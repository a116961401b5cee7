package org.treatyregistry.gateway;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The single entry point of Treaty Registry: API keys in, short-lived signed tokens out to the services. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        application().run(args);
    }

    /**
     * The gateway, ready to run; the local run embeds it in one JVM with the services. Pass settings as
     * {@code run("--key=value", ...)}: replacing the default properties would drop the config name.
     */
    public static SpringApplication application() {
        SpringApplication app = new SpringApplication(GatewayApplication.class);
        // The services' servlet stack shares the local run's classpath, so the web type can't be deduced from it.
        app.setWebApplicationType(WebApplicationType.REACTIVE);
        // gateway.yml rather than application.yml, so that in the shared JVM no service reads another's settings.
        app.setDefaultProperties(Map.of("spring.config.name", "gateway"));
        return app;
    }
}
