package de.nachruecker.registration;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import de.nachruecker.support.architecture.ArchitectureRules;

/** The rules every service holds to (service-support's {@link ArchitectureRules}); the cycle check follows. */
@AnalyzeClasses(packages = "de.nachruecker.registration", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainIsPlainJava = ArchitectureRules.DOMAIN_IS_PLAIN_JAVA;

    @ArchTest
    static final ArchRule useCasesDoNotReachAdapters = ArchitectureRules.USE_CASES_DO_NOT_REACH_ADAPTERS;

    @ArchTest
    static final ArchRule webAndMessagingDoNotReachPersistence =
            ArchitectureRules.WEB_AND_MESSAGING_DO_NOT_REACH_PERSISTENCE;
}
