package org.treatyregistry.gateway.console;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.webjars.WebJarVersionLocator;
import reactor.core.publisher.Mono;

/**
 * The auditor's console and the browsable API docs, served by the gateway so that the browser calls the API on its
 * own origin (decision 0014). The files live under gateway-console/ rather than static/: in the local run the
 * services share this classpath, and Boot would serve static/ from each of them. Nothing here needs a key; the
 * pages send the key the user typed with each API call.
 */
@Configuration(proxyBeanMethods = false)
public class ConsoleResources {

    static final String CONSOLE = "gateway-console/";
    private static final WebJarVersionLocator WEBJARS = new WebJarVersionLocator();

    @Bean
    RouterFunction<ServerResponse> consoleRoutes() {
        return RouterFunctions.route(RequestPredicates.GET("/"), request -> page("index.html"))
                .andRoute(RequestPredicates.GET("/api/docs"),
                        request -> ServerResponse.permanentRedirect(request.uriBuilder().path("/").build()).build())
                .andRoute(RequestPredicates.GET("/api/docs/"), request -> page("api-docs.html"))
                .andRoute(RequestPredicates.GET("/webjars/{webjar}/{*file}"),
                        request -> webjar(request.pathVariable("webjar"), request.pathVariable("file")))
                .and(RouterFunctions.resources("/console/**", new ClassPathResource(CONSOLE)));
    }

    private static Mono<ServerResponse> page(String file) {
        return ServerResponse.ok()
                .contentType(MediaType.TEXT_HTML)
                .cacheControl(CacheControl.noCache())
                .bodyValue(new ClassPathResource(CONSOLE + file));
    }

    /** A WebJar's file by its version-less path, e.g. /webjars/swagger-ui/swagger-ui.css. */
    private static Mono<ServerResponse> webjar(String webjar, String file) {
        String path = WEBJARS.path(webjar, file.substring(1));
        if (path == null) {
            return ServerResponse.notFound().build();
        }
        Resource resource = new ClassPathResource(WebJarVersionLocator.WEBJARS_PATH_PREFIX + "/" + path);
        return resource.exists() ? ServerResponse.ok().bodyValue(resource) : ServerResponse.notFound().build();
    }
}
