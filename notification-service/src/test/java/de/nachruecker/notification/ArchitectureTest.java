package de.nachruecker.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import com.tngtech.archunit.lang.ArchRule;

import de.nachruecker.support.architecture.ArchitectureRules;

/** The rules every service holds to (service-support's {@link ArchitectureRules}). */
@AnalyzeClasses(packages = "de.nachruecker.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests common = ArchTests.in(ArchitectureRules.class);

    /** {@link ArchitectureRules#DOMAIN_IS_PLAIN_JAVA}, and nor the channels and the outbox page. */
    @ArchTest
    static final ArchRule domainIsPlainJava = ArchitectureRules.domainIsPlainJava("..channel..", "..outboxpage..");
}
