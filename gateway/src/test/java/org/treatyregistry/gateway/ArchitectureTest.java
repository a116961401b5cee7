package org.treatyregistry.gateway;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;
import org.treatyregistry.platform.architecture.Architecture;

/**
 * The boundaries the services keep ({@link Architecture}), and the gateway's own: of platform, the edge policy
 * only.
 */
@AnalyzeClasses(packages = "org.treatyregistry.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests boundaries = ArchTests.in(Architecture.class);

    @ArchTest
    static final ArchRule usesOnlyTheEdgePolicyOfPlatform = noClasses().should().dependOnClassesThat(
            resideInAPackage("org.treatyregistry.platform..")
                    .and(not(resideInAPackage("org.treatyregistry.platform.web"))))
            .because("the gateway gets platform without its dependencies (see its pom): only the problem types "
                    + "and the request id, which need nothing the gateway lacks");
}
