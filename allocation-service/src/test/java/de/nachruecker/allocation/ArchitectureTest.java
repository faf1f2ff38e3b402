package de.nachruecker.allocation;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

import de.nachruecker.support.architecture.ArchitectureRules;

/**
 * The rules every service holds to (service-support's {@link ArchitectureRules}): the domain is plain Java, use cases
 * do not reach adapters, web and messaging do not reach persistence, features are free of cycles.
 */
@AnalyzeClasses(packages = "de.nachruecker.allocation", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests common = ArchTests.in(ArchitectureRules.class);
}
