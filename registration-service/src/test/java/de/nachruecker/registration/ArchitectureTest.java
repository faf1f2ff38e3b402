package de.nachruecker.registration;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;

import de.nachruecker.support.architecture.ArchitectureRules;

/** The rules every service holds to (service-support's {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "de.nachruecker.registration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests common = ArchTests.in(ArchitectureRules.class);
}
