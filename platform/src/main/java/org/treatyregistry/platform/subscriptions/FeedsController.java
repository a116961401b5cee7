package org.treatyregistry.platform.subscriptions;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.contract.EventCatalog;
import org.treatyregistry.platform.web.AtomFeed;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/**
 * Atom feeds of the service's latest facts for people to follow in a feed reader (auditors, with their key): one
 * per State ({@code /feeds/states/UKR}) and one per event type ({@code /feeds/types/org.treatyregistry...}).
 */
@RestController
@RequestMapping(value = "/api/${treaty.service.name}/feeds", produces = AtomFeed.TYPE)
public class FeedsController {

    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");

    private final Feeds feeds;
    private final String service;

    public FeedsController(Feeds feeds, @Value("${treaty.service.name}") String service) {
        this.feeds = feeds;
        this.service = service;
    }

    @GetMapping("/states/{iso3}")
    public String state(@PathVariable String iso3, HttpServletRequest request) {
        if (!ISO3.matcher(iso3).matches()) {
            throw new ProblemException(Problems.badParameter("iso3", iso3, "an ISO 3166-1 alpha-3 code, e.g. UKR"));
        }
        return AtomFeed.write(AtomFeed.TAG + service + "/states/" + iso3, "Treaty Registry (" + service + "): "
                + iso3, request.getRequestURI(), Instant.EPOCH, feeds.latest(e -> e.payload().iso3().equals(iso3)));
    }

    @GetMapping("/types/{type}")
    public String type(@PathVariable String type, HttpServletRequest request) {
        if (EventCatalog.classOf(type).isEmpty()) {
            throw new ProblemException(Problems.of(HttpStatus.NOT_FOUND, "unknown-event-type", "Unknown event type",
                    "'" + type + "' is no event type of the record; the AsyncAPI document lists them (e.g. "
                            + "org.treatyregistry.InstrumentDeposited)."));
        }
        return AtomFeed.write(AtomFeed.TAG + service + "/types/" + type, "Treaty Registry (" + service + "): "
                + type, request.getRequestURI(), Instant.EPOCH, feeds.latest(e -> e.type().equals(type)));
    }
}
