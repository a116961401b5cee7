package org.treatyregistry.platform.subscriptions;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The HTTP side of webhooks: which receiver URLs are allowed, the CloudEvents webhook validation handshake, and one
 * delivery attempt. Redirects are never followed (a receiver that moved updates its subscription), and each request
 * waits at most 15 s.
 * <p>
 * A receiver must be on HTTPS and on a public address: a URL that resolves to a private, link-local, loopback or
 * multicast address is refused, so that a subscriber cannot make the service call into the network it runs in.
 * The operator may allow loopback receivers over HTTP (development, the local run) and private addresses (a
 * receiver inside the deployment).
 */
public class Receivers {

    /** Standard Webhooks recommends 15 to 30 s. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** How much of a receiver's answer the delivery log keeps. */
    static final int EXCERPT = 500;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();
    private final String origin;
    private final boolean allowLoopback;
    private final boolean allowPrivate;

    /**
     * @param origin        who asks, in the handshake's {@code WebHook-Request-Origin}
     * @param allowLoopback whether {@code http://} receivers on this machine's loopback are allowed
     * @param allowPrivate  whether receivers on private addresses are allowed
     */
    public Receivers(String origin, boolean allowLoopback, boolean allowPrivate) {
        this.origin = origin;
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
    }

    /** Why a receiver URL is refused, in words a subscriber can act on; empty if it is allowed. */
    public Optional<String> refusal(URI url) {
        if (url.getHost() == null || url.getScheme() == null || !List.of("http", "https").contains(url.getScheme())
                || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            return Optional.of("a receiver is an absolute http(s) URL with a host, no user info and no fragment");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            return Optional.of("the receiver's host " + url.getHost() + " does not resolve");
        }
        boolean loopback = List.of(addresses).stream().allMatch(InetAddress::isLoopbackAddress);
        if (loopback) {
            return allowLoopback ? Optional.empty() : Optional.of("receivers on loopback addresses are allowed only "
                    + "where the operator allows them (treaty.subscriptions.allow-loopback)");
        }
        if (!url.getScheme().equals("https")) {
            return Optional.of("a receiver is an https:// URL; deliveries carry the record's facts and signatures");
        }
        for (InetAddress address : addresses) {
            boolean internal = address.isSiteLocalAddress() || address.isLinkLocalAddress()
                    || address.isAnyLocalAddress() || address.isMulticastAddress() || address.isLoopbackAddress()
                    || isUniqueLocal(address);
            if (internal && !allowPrivate) {
                return Optional.of("the receiver's host " + url.getHost() + " resolves to " + address.getHostAddress()
                        + ", an address inside a private network; the operator may allow those "
                        + "(treaty.subscriptions.allow-private)");
            }
        }
        return Optional.empty();
    }

    /** IPv6 unique local addresses (fc00::/7), which {@link InetAddress} does not call site-local. */
    private static boolean isUniqueLocal(InetAddress address) {
        byte[] bytes = address.getAddress();
        return bytes.length == 16 && (bytes[0] & 0xFE) == 0xFC;
    }

    /**
     * The CloudEvents webhook validation handshake (CloudEvents Web Hooks, section 4): an {@code OPTIONS} request
     * with {@code WebHook-Request-Origin}; the receiver agrees by answering 2xx with {@code WebHook-Allowed-Origin}
     * naming that origin or {@code *}. Answers why it did not, or empty if it agreed.
     */
    public Optional<String> handshake(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("WebHook-Request-Origin", origin).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                return Optional.of("the receiver answered the validation request (OPTIONS with WebHook-Request-Origin: "
                        + origin + ") with HTTP " + response.statusCode());
            }
            Optional<String> allowed = response.headers().firstValue("WebHook-Allowed-Origin");
            if (allowed.isEmpty() || !(allowed.get().equals("*") || allowed.get().equals(origin))) {
                return Optional.of("the receiver did not allow this origin: it must answer the validation request "
                        + "with WebHook-Allowed-Origin: " + origin + " (or *)");
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("the receiver could not be reached for the validation request: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking the receiver to validate");
        }
    }

    /** What a delivery attempt got: the HTTP status (0 if none came), its Retry-After, and an excerpt. */
    public record Answer(int status, Optional<Duration> retryAfter, String excerpt, Duration latency) {

        boolean delivered() {
            return status / 100 == 2;
        }
    }

    /** POSTs one signed delivery; never throws for the receiver's failures, which the answer carries. */
    public Answer deliver(URI url, String id, long timestamp, String signature, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("content-type", "application/cloudevents+json")
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long started = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            String text = new String(response.body(), StandardCharsets.UTF_8);
            return new Answer(response.statusCode(), response.headers().firstValue("Retry-After")
                    .flatMap(Receivers::seconds), text.substring(0, Math.min(EXCERPT, text.length())),
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            return new Answer(0, Optional.empty(), e.toString(), Duration.ofNanos(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Optional.empty(), "interrupted", Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Retry-After in seconds (an HTTP date is read as no hint). */
    private static Optional<Duration> seconds(String value) {
        try {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
