package org.treatyregistry.convention;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The Convention's rules are plain Java over the contract: no framework, no storage, no service. */
class ConventionRulesArePureTest {

    @Test
    void rulesDependOnNothingButTheJdkAndTheContract() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "org.treatyregistry.contract..", "org.treatyregistry.convention..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.treatyregistry.convention"));
    }
}
