package de.nachruecker.support.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import java.util.Arrays;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The architecture rules every service holds to, written once. Each service's test-jar dependency on service-support
 * (service-parent declares it) puts this class on its test classpath.
 *
 * <p>A service's {@code ArchitectureTest} adopts all of them in two lines:
 * <pre>{@code
 * @AnalyzeClasses(packages = "de.nachruecker.<service>", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     @ArchTest
 *     static final ArchTests common = ArchTests.in(ArchitectureRules.class);
 * }
 * }</pre>
 * and adds rules of its own beside them (e.g. {@link #domainIsPlainJava(String...)} with packages only it has).
 * A service that cannot meet a rule yet freezes it instead of dropping it, so that the violations can only go down:
 * {@code @ArchTest static final ArchRule cycles = FreezingArchRule.freeze(ArchitectureRules.featuresFreeOfCycles());}
 * (the store lives under {@code src/test/resources/archunit_store}, enabled by an {@code archunit.properties} with
 * {@code freeze.store.default.allowStoreCreation=true}).
 *
 * <p>The package layout the rules assume: {@code de.nachruecker.<service>.<feature>.{model,application,persistence,
 * web,messaging}}, plus {@code config} and cross-cutting packages beside the features.
 */
public final class ArchitectureRules {

    /** What a domain model never needs: frameworks, stores, brokers, wire formats and every adapter layer. */
    private static final String[] NOT_IN_THE_DOMAIN = {
            "org.springframework..", "org.bson..", "com.mongodb..", "org.apache.kafka..", "jakarta.mail..",
            "tools.jackson..", "com.fasterxml..", "io.micrometer..", "de.nachruecker.support..",
            "..application..", "..persistence..", "..web..", "..messaging..", "..infrastructure..", "..config.."};

    private ArchitectureRules() {
    }

    /** The domain is plain Java, so that it is read and unit-tested without a framework. */
    @ArchTest
    public static final ArchRule DOMAIN_IS_PLAIN_JAVA = domainIsPlainJava();

    /** Use cases know their ports, not the adapters around them (the store, the pages and API, the consumers). */
    @ArchTest
    public static final ArchRule USE_CASES_DO_NOT_REACH_ADAPTERS = noClasses()
            .that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..web..", "..messaging..")
            .because("a use case is tested with in-memory ports and must not know which adapter serves it");

    /** Pages, API and consumers reach the store only through the use cases. */
    @ArchTest
    public static final ArchRule WEB_AND_MESSAGING_DO_NOT_REACH_PERSISTENCE = noClasses()
            .that().resideInAnyPackage("..web..", "..messaging..")
            .should().dependOnClassesThat().resideInAPackage("..persistence..")
            .because("the conditional writes and their invariants live behind the use cases");

    /**
     * No cycles between the packages directly below the service's root ({@code de.nachruecker.<service>.(*)..}):
     * features and cross-cutting packages depend on each other in one direction only. Shared concepts move down
     * into a package both use, or the dependency goes through an event. {@code config} is the composition root: it
     * wires every feature (its edges out are left out), and features may read its properties.
     */
    @ArchTest
    public static final ArchRule FEATURES_FREE_OF_CYCLES = featuresFreeOfCycles();

    /** {@link #DOMAIN_IS_PLAIN_JAVA} with packages of the service's own that the domain must not use either. */
    public static ArchRule domainIsPlainJava(String... alsoForbidden) {
        return noClasses()
                .that().resideInAPackage("..model..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        Stream.concat(Arrays.stream(NOT_IN_THE_DOMAIN), Arrays.stream(alsoForbidden))
                                .toArray(String[]::new));
    }

    /** See {@link #FEATURES_FREE_OF_CYCLES}; a new instance for freezing. */
    public static ArchRule featuresFreeOfCycles() {
        return slices().matching("de.nachruecker.(*).(*)..").namingSlices("$2")
                .should().beFreeOfCycles()
                .ignoreDependency(resideInAPackage("de.nachruecker.*.config.."), DescribedPredicate.alwaysTrue());
    }
}
