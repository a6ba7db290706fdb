package io.scalpsignals.job;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of the modules (README, "Layout"): wiring on top, Flink-free types below, and no
 * two packages of any module that need each other.
 */
@AnalyzeClasses(packages = "io.scalpsignals", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule functionsDoNotKnowTheWiring = noClasses()
            .that()
            .resideInAPackage("io.scalpsignals.udf..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.scalpsignals.job..", "io.scalpsignals.sinks..");

    @ArchTest
    static final ArchRule connectorsDoNotKnowTheFunctions = noClasses()
            .that()
            .resideInAPackage("io.scalpsignals.sinks..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("io.scalpsignals.job..", "io.scalpsignals.udf..");

    @ArchTest
    static final ArchRule wireTypesStayFlinkFree = noClasses()
            .that()
            .resideInAPackage("io.scalpsignals.model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.apache.flink..", "io.scalpsignals.udf..", "io.scalpsignals.sinks..", "io.scalpsignals.job..");

    @ArchTest
    static final ArchRule featureMathIsFlinkFree = noClasses()
            .that()
            .resideInAnyPackage("io.scalpsignals.udf.features..", "io.scalpsignals.udf.state..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.apache.flink..");

    /** Every package is a slice of its own: a package may use another only if that one does not use it back, directly or through others. */
    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("io.scalpsignals.(**)").should().beFreeOfCycles();
}
