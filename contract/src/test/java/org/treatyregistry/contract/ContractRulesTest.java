package org.treatyregistry.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contract is what other services and non-Java consumers depend on: keep it plain and past tense. */
class ContractRulesTest {

    private final JavaClasses contract = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.treatyregistry.contract");

    @Test
    void contractDependsOnNothingButTheJdk() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.treatyregistry.contract..")
                .check(contract);
    }

    @Test
    void eventsAreRecordsNamedAsPastFacts() {
        classes().that().implement(StateEvent.class)
                .should().beRecords()
                // past participles: regular ones end in -ed; the irregular ones in use are listed
                .andShould().haveNameMatching(".*(ed|Found|Paid|Made)$")
                .check(contract);
    }

    @Test
    void everyEventIsInTheCatalogUnderItsSimpleName() {
        long events = contract.stream().filter(c -> c.isAssignableTo(StateEvent.class) && c.isRecord()).count();
        assertEquals(events, EventCatalog.events().size(), "an event record is missing from EventCatalog");
        for (Class<? extends StateEvent> event : EventCatalog.events()) {
            assertEquals(event, EventCatalog.classOf(EventCatalog.typeOf(event)).orElseThrow());
            assertTrue(EventCatalog.typeOf(event).endsWith("." + event.getSimpleName()));
        }
    }
}
