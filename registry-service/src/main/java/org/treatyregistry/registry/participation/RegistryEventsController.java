package org.treatyregistry.registry.participation;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.treatyregistry.platform.eventstore.EventStoreAutoConfiguration;
import org.treatyregistry.platform.kafka.CloudEventCodec;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Problems;

/** Integrations post facts here: one object or a JSON array of them. */
@RestController
@RequestMapping("/api/registry/events")
class RegistryEventsController {

    /** Dates a little ahead of the server's are tolerated (time zones); later ones are mistakes. */
    private static final int FUTURE_TOLERANCE_DAYS = 1;
    /** The Convention was opened for signature, and the first instrument deposited, on 3 December 1997. */
    private static final LocalDate OPENED_FOR_SIGNATURE = LocalDate.of(1997, 12, 3);

    private final CommandGateway commands;
    private final IngestionLog log;
    private final Clock clock;

    RegistryEventsController(CommandGateway commands, IngestionLog log, Clock clock) {
        this.commands = commands;
        this.log = log;
        this.clock = clock;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> post(@RequestBody @Valid List<@Valid PostedFact> facts, Authentication principal) {
        checkDatesAndDuplicates(facts);
        Map<String, IngestionLog.Entry> known = log.find(facts.stream().map(f -> f.clientId().toString()).toList());
        List<Map<String, Object>> results = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            PostedFact fact = facts.get(i);
            String clientId = fact.clientId().toString();
            IngestionLog.Entry earlier = known.get(clientId);
            if (earlier != null) {
                if (!earlier.fingerprint().equals(fingerprint(fact))) {
                    throw new ProblemException(itemProblem(HttpStatus.CONFLICT, "client-id-reused", i, fact,
                            "clientId " + clientId + " was already used, on " + earlier.recordedAt()
                                    + ", for different content; use a new clientId for a new fact."));
                }
                results.add(Map.of("clientId", clientId, "status", "ALREADY_RECORDED",
                        "recordedAt", earlier.recordedAt().toString()));
                continue;
            }
            try {
                commands.sendAndWait(new DepositInstrument(fact.iso3(), fact.instrumentType(), fact.depositDate(),
                                fact.declaresProvisionalApplication(), fact.sourceReference()),
                        MetaData.with(CloudEventCodec.PRINCIPAL, principal.getName())
                                .and(EventStoreAutoConfiguration.CLIENT_ID, clientId));
            } catch (RuleViolation violation) {
                ProblemDetail problem = itemProblem(HttpStatus.UNPROCESSABLE_ENTITY, violation.rule(), i, fact,
                        violation.getMessage());
                problem.setProperty("recorded", results);
                throw new ProblemException(problem);
            }
            Instant recordedAt = clock.instant();
            log.record(clientId, fingerprint(fact), principal.getName(), recordedAt);
            results.add(Map.of("clientId", clientId, "status", "RECORDED", "recordedAt", recordedAt.toString()));
        }
        return Map.of("results", results);
    }

    private void checkDatesAndDuplicates(List<PostedFact> facts) {
        LocalDate latest = LocalDate.now(clock).plusDays(FUTURE_TOLERANCE_DAYS);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < facts.size(); i++) {
            PostedFact fact = facts.get(i);
            if (fact.depositDate().isAfter(latest)) {
                throw new ProblemException(itemProblem(HttpStatus.UNPROCESSABLE_ENTITY, "date-in-future", i, fact,
                        "depositDate " + fact.depositDate() + " is in the future; facts are recorded once they happen."));
            }
            if (fact.depositDate().isBefore(OPENED_FOR_SIGNATURE)) {
                throw new ProblemException(itemProblem(HttpStatus.UNPROCESSABLE_ENTITY, "date-before-convention", i,
                        fact, "depositDate " + fact.depositDate() + " is before 3 December 1997, when the "
                                + "Convention was opened for signature (Art. 15)."));
            }
            if (!seen.add(fact.clientId().toString())) {
                throw new ProblemException(itemProblem(HttpStatus.UNPROCESSABLE_ENTITY, "duplicate-client-id", i,
                        fact, "clientId " + fact.clientId() + " appears twice in this batch."));
            }
        }
    }

    private static ProblemDetail itemProblem(HttpStatus status, String rule, int index, PostedFact fact,
                                             String detail) {
        ProblemDetail problem = Problems.of(status, rule, "Fact not recorded", "Item " + index + ": " + detail);
        problem.setProperty("errors", List.of(Map.of("index", index, "clientId", fact.clientId().toString(),
                "rule", rule, "detail", detail)));
        return problem;
    }

    private static String fingerprint(PostedFact fact) {
        return String.join("|", fact.type(), fact.iso3(), fact.instrumentType().name(),
                fact.depositDate().toString(), Boolean.toString(fact.declaresProvisionalApplication()),
                String.valueOf(fact.sourceReference()));
    }
}
