package org.treatyregistry.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.List;
import java.util.Optional;

/**
 * The boundaries every service and the gateway keep, for {@code ArchTests.in(Architecture.class)} in each module's
 * architecture test. A class's service is the package segment after {@code org.treatyregistry} ({@code registry},
 * {@code reporting}, {@code indicators}, {@code gateway}); its feature, the segment after that ({@code reports},
 * {@code landrelease}, ...). Framework types are named, not referenced, so the gateway can check these rules
 * without Axon on its classpath.
 */
public final class Architecture {

    private static final String ROOT = "org.treatyregistry.";
    private static final List<String> SHARED = List.of("contract", "convention", "transparency", "platform");
    private static final List<String> HANDLERS = List.of("org.axonframework.eventhandling.EventHandler",
            "org.axonframework.commandhandling.CommandHandler", "org.axonframework.eventsourcing.EventSourcingHandler",
            "org.axonframework.queryhandling.QueryHandler");

    /**
     * Rule classes: named {@code ...Rules}, implementing a {@code ...Rule} (an indicator family's rule, a fact's
     * rule), or keeping their logic behind private constructors (pure functions, or values built by their own
     * factories). The Convention's rules are plain Java; so are a service's own.
     */
    private static final DescribedPredicate<JavaClass> RULE_CLASSES = DescribedPredicate.describe("rule classes",
            c -> !c.isAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")
                    && (c.getAllRawInterfaces().stream().anyMatch(i -> i.getSimpleName().endsWith("Rule"))
                    || !c.isEnum() && !c.isRecord() && !c.isInterface()
                    && (c.getSimpleName().endsWith("Rules") || !c.getConstructors().isEmpty()
                    && c.getConstructors().stream().allMatch(k -> k.getModifiers().contains(JavaModifier.PRIVATE)))));

    private Architecture() {
    }

    @ArchTest
    static final ArchRule rulesImportNoFramework = noClasses().that(RULE_CLASSES).and().areTopLevelClasses()
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.axonframework..",
                    "com.mongodb..", "org.bson..")
            .because("legal and domain rules are pure functions in plain classes, testable with real cases alone");

    @ArchTest
    static final ArchRule nothingImportsAnotherService = classes()
            .should(dependOnlyOnTheirOwnServiceAndTheSharedModules())
            .because("services meet only through the contract's events on Kafka and the gateway's routes");

    @ArchTest
    static final ArchRule featuresUseOnlyEachOthersPublicApi = classes()
            .should(reachOtherFeaturesOnlyThroughTheirPublicApi())
            .because("a feature's web adapter, handlers and package-private types are its own; other features use "
                    + "its public types, and its handlers are Axon's to call");

    private static ArchCondition<JavaClass> dependOnlyOnTheirOwnServiceAndTheSharedModules() {
        return new ArchCondition<>("depend on no other service") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    Optional<String> target = segment(dependency.getTargetClass().getBaseComponentType(), 0);
                    if (target.isPresent() && !SHARED.contains(target.get()) && !target.equals(segment(origin, 0))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    private static ArchCondition<JavaClass> reachOtherFeaturesOnlyThroughTheirPublicApi() {
        return new ArchCondition<>("reach other features only through their public API") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    if (otherFeature(origin, target) && (!target.getModifiers().contains(JavaModifier.PUBLIC)
                            || target.isAnnotatedWith("org.springframework.web.bind.annotation.RestController"))) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
                for (JavaMethodCall call : origin.getMethodCallsFromSelf()) {
                    if (otherFeature(origin, call.getTargetOwner()) && call.getTarget().resolveMember()
                            .filter(method -> HANDLERS.stream().anyMatch(method::isAnnotatedWith)).isPresent()) {
                        events.add(SimpleConditionEvent.violated(call, call.getDescription()));
                    }
                }
            }
        };
    }

    /** Both in the same service, in different features (a service's root package is no feature). */
    private static boolean otherFeature(JavaClass origin, JavaClass target) {
        return segment(origin, 0).isPresent() && segment(origin, 0).equals(segment(target, 0))
                && segment(origin, 1).isPresent() && segment(target, 1).isPresent()
                && !segment(origin, 1).equals(segment(target, 1));
    }

    /** The n-th package segment after {@code org.treatyregistry}: 0 the module, 1 the feature. */
    private static Optional<String> segment(JavaClass javaClass, int n) {
        String name = javaClass.getPackageName();
        if (!name.startsWith(ROOT)) {
            return Optional.empty();
        }
        String[] segments = name.substring(ROOT.length()).split("\\.");
        return n < segments.length ? Optional.of(segments[n]) : Optional.empty();
    }
}
