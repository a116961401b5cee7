package org.treatyregistry.gateway;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses {@code REGISTRY_URIS}-style settings: the base URIs of a service's instances, comma-separated. Anything the
 * load balancer could not send a request to (no scheme, a path, an empty entry) stops the gateway at startup with
 * the variable named, rather than answering 503 for ever.
 */
final class ServiceInstanceUris {

    private static final Set<String> SCHEMES = Set.of("http", "https");

    private ServiceInstanceUris() {
    }

    /** @param service the service id, which names the property {@code treaty.gateway.routes.<service>} */
    static List<URI> parse(String service, String value) {
        String setting = "treaty.gateway.routes." + service + " (" + variable(service) + ")";
        String example = "e.g. http://" + service + "-service-1:8081,http://" + service + "-service-2:8081";
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(setting + " is empty: give the base URI of each instance of the "
                    + service + " service, comma-separated, " + example);
        }
        String[] entries = value.split(",", -1);
        List<URI> uris = new ArrayList<>(entries.length);
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            URI uri = baseUri(entry);
            if (uri == null) {
                throw new IllegalArgumentException("Entry " + (i + 1) + " of " + setting + ", '" + entry
                        + "', is not a base URI of the form http://host:port (no path, query or user); " + example);
            }
            if (uris.contains(uri)) {
                throw new IllegalArgumentException("Entry " + (i + 1) + " of " + setting + " lists " + uri
                        + " twice: each instance once");
            }
            uris.add(uri);
        }
        return List.copyOf(uris);
    }

    static String variable(String service) {
        return service.toUpperCase(Locale.ROOT) + "_URIS";
    }

    /** The entry as {@code scheme://host:port}, the port made explicit; null if it is anything else. */
    private static URI baseUri(String entry) {
        try {
            URI uri = new URI(entry);
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean bare = (uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
                    && uri.getRawQuery() == null && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (scheme == null || !SCHEMES.contains(scheme) || uri.getHost() == null || !bare) {
                return null;
            }
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return new URI(scheme, null, uri.getHost(), port, null, null, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
