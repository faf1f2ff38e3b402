package de.nachruecker.allocation;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

@AnalyzeClasses(packages = "de.nachruecker.allocation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain is plain Java: no framework, no store, no broker, no adapter, no use case. */
    @ArchTest
    static final ArchRule domainStaysPlainJava = noClasses().that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.bson..", "com.mongodb..", "org.apache.kafka..", "io.micrometer..",
                    "..persistence..", "..messaging..", "..web..", "..application..", "..infrastructure..",
                    "..config..");

    /** Use cases know their ports, not the adapters around them. */
    @ArchTest
    static final ArchRule applicationDependsOnNoAdapter = noClasses().that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("de.nachruecker.allocation..persistence..",
                    "de.nachruecker.allocation..web..", "de.nachruecker.allocation..messaging..");

    /** Pages, API and consumers reach the stores only through the use cases and their ports. */
    @ArchTest
    static final ArchRule adaptersDoNotTouchEachOther = noClasses().that().resideInAnyPackage("..web..", "..messaging..")
            .should().dependOnClassesThat().resideInAPackage("de.nachruecker.allocation..persistence..");

    /** Features depend on each other one way: shared concepts sit below, a feature asks another through a port. */
    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = slices().matching("de.nachruecker.allocation.(*)..")
            .should().beFreeOfCycles();
}
