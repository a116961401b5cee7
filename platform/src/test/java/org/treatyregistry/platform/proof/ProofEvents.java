package org.treatyregistry.platform.proof;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.treatyregistry.contract.participation.InstrumentDeposited;
import org.treatyregistry.contract.participation.InstrumentType;

/** Synthetic streams for the proofs: real contract events, one stream per real ISO3 code. */
final class ProofEvents {

    private ProofEvents() {
    }

    static List<String> states(int count) {
        return Stream.of(Locale.getISOCountries()).map(c -> new Locale("", c).getISO3Country()).sorted()
                .limit(count).toList();
    }

    static DomainEventMessage<InstrumentDeposited> event(String iso3, long sequence) {
        InstrumentDeposited payload = new InstrumentDeposited(iso3, iso3, InstrumentType.ACCESSION,
                LocalDate.of(2000, 1, 1).plusDays(sequence).toString(), null, LocalDate.of(2000, 7, 1), false,
                "proof-" + sequence);
        return new GenericDomainEventMessage<>("StateParticipation", iso3, sequence, payload);
    }
}
