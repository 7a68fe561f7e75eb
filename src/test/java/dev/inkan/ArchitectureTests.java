package dev.inkan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency direction of STYLE.md: engine ← domain packages ← web / cli. */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.inkan");

    @Test
    void engineUsesNeitherSpringNorJakartaNorTheRestOfInkan() {
        noClasses().that().resideInAPackage("dev.inkan.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..",
                        "dev.inkan.authority..", "dev.inkan.issuance..", "dev.inkan.export..", "dev.inkan.web..",
                        "dev.inkan.cli..", "dev.inkan.config..")
                .check(CLASSES);
    }

    @Test
    void domainPackagesDoNotDependOnWebOrCli() {
        noClasses().that().resideInAnyPackage("dev.inkan.authority..", "dev.inkan.issuance..", "dev.inkan.export..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.inkan.web..", "dev.inkan.cli..")
                .check(CLASSES);
    }

    @Test
    void clusterDependsOnTheDatabaseOnlyNeverOnTheRestOfInkan() {
        noClasses().that().resideInAPackage("dev.inkan.cluster..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.inkan.engine..", "dev.inkan.authority..",
                        "dev.inkan.issuance..", "dev.inkan.export..", "dev.inkan.web..", "dev.inkan.cli..", "dev.inkan.config..")
                .check(CLASSES);
    }

    @Test
    void acmeSitsAboveIssuanceAndBelowWeb() {
        noClasses().that().resideInAPackage("dev.inkan.acme..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.inkan.web..", "dev.inkan.cli..", "dev.inkan.config..")
                .check(CLASSES);
        noClasses().that().resideInAnyPackage("dev.inkan.engine..", "dev.inkan.authority..", "dev.inkan.issuance..")
                .should().dependOnClassesThat().resideInAPackage("dev.inkan.acme..")
                .check(CLASSES);
    }

    @Test
    void oneShotCommandNeverTouchesTheWebLayerOrSpring() {
        noClasses().that().resideInAPackage("dev.inkan.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.inkan.web..", "org.springframework..")
                .check(CLASSES);
    }

    @Test
    void controllersDoNotBuildCertificatesThemselves() {
        noClasses().that().resideInAPackage("dev.inkan.web..")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.inkan.engine.CertificateIssuer")
                .orShould().dependOnClassesThat().resideInAPackage("org.bouncycastle.cert..")
                .check(CLASSES);
    }
}
