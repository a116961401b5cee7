package org.treatyregistry.reporting;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.treatyregistry.platform.instances.ServiceMain;

/** reporting-service: Article 7 transparency reports, their due dates and what they carry. */
@SpringBootApplication
public class ReportingApplication {

    /** The application with its own configuration file, so that it can share a JVM with the other services. */
    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(ReportingApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        application.setDefaultProperties(Map.of("spring.config.name", "reporting-service"));
        return application;
    }

    public static void main(String[] args) {
        ServiceMain.run(application(), args);
    }
}
