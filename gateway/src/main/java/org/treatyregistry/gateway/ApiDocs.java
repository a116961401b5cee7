package org.treatyregistry.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Serves the API descriptions. They live under gateway-docs/ rather than static/: in the local run the services
 * share this classpath, and Boot would serve static/ from each of them.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocs {

    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes() {
        return RouterFunctions.route(RequestPredicates.GET("/api/docs/{document:openapi|asyncapi}.yaml"),
                request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_YAML)
                        .bodyValue(new ClassPathResource(
                                "gateway-docs/" + request.pathVariable("document") + ".yaml")));
    }
}
