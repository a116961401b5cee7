package org.treatyregistry.platform.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.treatyregistry.convention.alerts.Alerts;
import org.treatyregistry.convention.alerts.Alerts.Alert;
import org.treatyregistry.platform.web.ProblemException;
import org.treatyregistry.platform.web.Reading;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class AlertsAskedTest {

    private static final Reading SIXTH_DECEMBER = new Reading(LocalDate.of(2026, 12, 6), Instant.now());

    @Test
    void asksForTheLast30DaysWarnedOf90And30DaysAheadUnlessToldOtherwise() {
        AlertsAsked asked = AlertsAsked.of(null, null, SIXTH_DECEMBER);
        assertThat(asked.from()).isEqualTo(LocalDate.of(2026, 11, 6));
        assertThat(asked.to()).isEqualTo(LocalDate.of(2026, 12, 6));
        assertThat(asked.daysAhead()).containsExactly(90, 30);
        assertThatThrownBy(() -> AlertsAsked.of(LocalDate.of(2026, 12, 7), null, SIXTH_DECEMBER))
                .isInstanceOf(ProblemException.class).hasMessageContaining("after asOf");
        assertThatThrownBy(() -> AlertsAsked.of(null, List.of(30, 3_651), SIXTH_DECEMBER))
                .isInstanceOf(ProblemException.class).hasMessageContaining("3651");
    }

    @Test
    void theFeedIsAtomWithOneEntryPerAlertUnderItsOwnId() throws Exception {
        Alert lithuania = Alerts.alert(Alerts.Kind.WITHDRAWAL_TAKES_EFFECT, "LTU", LocalDate.of(2025, 12, 27),
                LocalDate.of(2025, 12, 27), null, "Art. 20: six months after receipt <of the notice> & so on",
                List.of("e2"));
        String feed = AlertsAsked.atom(List.of(lithuania), "registry", "/api/registry/alerts?iso3=LTU",
                LocalDate.of(2026, 1, 31));

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document xml = factory.newDocumentBuilder().parse(new ByteArrayInputStream(
                feed.getBytes(StandardCharsets.UTF_8)));
        Element root = xml.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
        assertThat(root.getLocalName()).isEqualTo("feed");
        assertThat(xml.getElementsByTagNameNS("*", "entry").getLength()).isEqualTo(1);
        Element entry = (Element) xml.getElementsByTagNameNS("*", "entry").item(0);
        assertThat(entry.getElementsByTagNameNS("*", "id").item(0).getTextContent())
                .isEqualTo("tag:treaty-registry.org,2026:alert/WITHDRAWAL_TAKES_EFFECT/LTU/2025-12-27");
        assertThat(entry.getElementsByTagNameNS("*", "updated").item(0).getTextContent())
                .isEqualTo("2025-12-27T00:00:00Z");
        assertThat(entry.getElementsByTagNameNS("*", "summary").item(0).getTextContent())
                .isEqualTo("Art. 20: six months after receipt <of the notice> & so on");
        assertThat(((Element) entry.getElementsByTagNameNS("*", "link").item(0)).getAttribute("href"))
                .isEqualTo("/#/state/LTU?asOf=2025-12-27");
        assertThat(root.getElementsByTagNameNS("*", "updated").item(0).getTextContent())
                .as("the feed changed when its latest alert fired").isEqualTo("2025-12-27T00:00:00Z");
    }
}
