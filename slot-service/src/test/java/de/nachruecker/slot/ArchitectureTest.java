package de.nachruecker.slot;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

@AnalyzeClasses(packages = "de.nachruecker.slot", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /** The domain is plain Java: no framework, no store, no broker, no wire format, no adapter. */
    @ArchTest
    static final ArchRule domainDependsOnNoFrameworkOrAdapter = noClasses()
            .that().resideInAPackage("..model..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "org.bson..", "com.mongodb..", "org.apache.kafka..",
                    "de.nachruecker.events..", "de.nachruecker.support..", "tools.jackson..", "com.fasterxml..",
                    "io.micrometer..", "..application..", "..persistence..", "..web..", "..messaging..",
                    "..infrastructure..", "..config..");

    /** Use cases know their ports, not the adapters around them. */
    @ArchTest
    static final ArchRule applicationDependsOnNoAdapter = noClasses()
            .that().resideInAPackage("..application..")
            .should().dependOnClassesThat().resideInAnyPackage("..persistence..", "..web..", "..messaging..");

    /** Pages, API and the offer consumer reach the store only through the use cases. */
    @ArchTest
    static final ArchRule adaptersDoNotTouchEachOther = noClasses()
            .that().resideInAnyPackage("..web..", "..messaging..")
            .should().dependOnClassesThat().resideInAPackage("..persistence..");
}
