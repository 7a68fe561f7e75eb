package dev.inkan;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The arrows of STYLE.md and README's "Layout": engine ← authority ← issuance ← {revocation, acme,
 * operations} ← web / cli, with export beside issuance (engine only) and oneshot under cli. Rules
 * name modules that may not exist yet (they are being added): a rule over an absent package holds.
 */
class ArchitectureTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.inkan");

    private static final String ENGINE = "dev.inkan.engine..";
    private static final String AUTHORITY = "dev.inkan.authority..";
    private static final String ISSUANCE = "dev.inkan.issuance..";
    private static final String EXPORT = "dev.inkan.export..";
    private static final String[] MODULES = {"dev.inkan.revocation..", "dev.inkan.acme..", "dev.inkan.operations.."};
    private static final String ONESHOT = "dev.inkan.oneshot..";
    private static final String CLI = "dev.inkan.cli..";
    private static final String WEB = "dev.inkan.web..";
    private static final String CONFIG = "dev.inkan.config..";

    @Test
    void engineUsesNeitherSpringNorJakartaNorTheRestOfInkan() {
        noClasses().that().resideInAPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta..", "java.nio.file..",
                        AUTHORITY, ISSUANCE, EXPORT, ONESHOT, CLI, WEB, CONFIG, MODULES[0], MODULES[1], MODULES[2],
                        "dev.inkan.storage..", "dev.inkan.cluster..")
                .check(CLASSES);
    }

    @Test
    void authorityBuildsOnTheEngineOnly() {
        noClasses().that().resideInAPackage(AUTHORITY)
                .should().dependOnClassesThat().resideInAnyPackage(ISSUANCE, EXPORT, ONESHOT, CLI, WEB, CONFIG,
                        MODULES[0], MODULES[1], MODULES[2])
                .check(CLASSES);
    }

    @Test
    void issuanceBuildsOnAuthorityAndEngineOnly() {
        noClasses().that().resideInAPackage(ISSUANCE)
                .should().dependOnClassesThat().resideInAnyPackage(EXPORT, ONESHOT, CLI, WEB, CONFIG,
                        MODULES[0], MODULES[1], MODULES[2])
                .check(CLASSES);
    }

    @Test
    void revocationSitsAboveIssuanceAndBelowWeb() {
        noClasses().that().resideInAnyPackage("dev.inkan.engine..", "dev.inkan.authority..", "dev.inkan.issuance..", "dev.inkan.export..")
                .should().dependOnClassesThat().resideInAPackage("dev.inkan.revocation..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("dev.inkan.revocation..")
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
    void storageDependsOnNoOtherPartOfInkan() {
        noClasses().that().resideInAPackage("dev.inkan.storage..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE, AUTHORITY, ISSUANCE, EXPORT, ONESHOT, CLI, WEB, CONFIG,
                        MODULES[0], MODULES[1], MODULES[2], "dev.inkan.cluster..")
                .check(CLASSES);
    }

    @Test
    void theDomainNeverReachesIntoStorageOrTheWiring() {
        noClasses().that().resideInAnyPackage(ENGINE, AUTHORITY, ISSUANCE, EXPORT, ONESHOT)
                .should().dependOnClassesThat().resideInAnyPackage("dev.inkan.storage..", CONFIG)
                .check(CLASSES);
    }

    @Test
    void exportBuildsOnTheEngineOnly() {
        noClasses().that().resideInAPackage(EXPORT)
                .should().dependOnClassesThat().resideInAnyPackage(AUTHORITY, ISSUANCE, ONESHOT, CLI, WEB, CONFIG,
                        MODULES[0], MODULES[1], MODULES[2], "org.springframework..", "jakarta..")
                .check(CLASSES);
    }

    @Test
    void revocationAcmeAndOperationsBuildOnIssuanceAndNeverOnTheFrontEnds() {
        noClasses().that().resideInAnyPackage(MODULES)
                .should().dependOnClassesThat().resideInAnyPackage(ONESHOT, CLI, WEB)
                .allowEmptyShould(true)
                .check(CLASSES);
    }

    @Test
    void oneShotFlowIsPlainJavaOnTheEngineAndExport() {
        noClasses().that().resideInAPackage(ONESHOT)
                .should().dependOnClassesThat().resideInAnyPackage(AUTHORITY, ISSUANCE, CLI, WEB, CONFIG,
                        MODULES[0], MODULES[1], MODULES[2], "org.springframework..", "jakarta..")
                .check(CLASSES);
    }

    @Test
    void oneShotCommandNeverTouchesTheServiceOrSpring() {
        noClasses().that().resideInAPackage(CLI)
                .should().dependOnClassesThat().resideInAnyPackage(WEB, CONFIG, AUTHORITY, ISSUANCE, "org.springframework..")
                .check(CLASSES);
    }

    /**
     * README's start command runs the service in Spring AOT mode, where conditions are decided when the jar is built;
     * so Inkan's own beans have none (no {@code @Conditional}, {@code @ConditionalOn...}, {@code @Profile}): every
     * choice a setting makes (TLS, database, cluster) is made by code at run time.
     */
    @Test
    void noBeanOfInkanIsConditionalSoSpringAotModeDecidesNothingAtBuildTime() {
        noClasses().should().beMetaAnnotatedWith(org.springframework.context.annotation.Conditional.class).check(CLASSES);
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods()
                .should().beMetaAnnotatedWith(org.springframework.context.annotation.Conditional.class).check(CLASSES);
    }

    @Test
    void nothingButTheEntryPointDependsOnTheFrontEnds() {
        noClasses().that().resideOutsideOfPackages(WEB, CLI).and().resideOutsideOfPackage("dev.inkan")
                .should().dependOnClassesThat().resideInAnyPackage(WEB, CLI)
                .check(CLASSES);
    }

    @Test
    void webDoesNotReachIntoTheCommandLine() {
        noClasses().that().resideInAPackage(WEB)
                .should().dependOnClassesThat().resideInAnyPackage(CLI, ONESHOT)
                .check(CLASSES);
    }

    @Test
    void controllersDoNotBuildCertificatesThemselves() {
        noClasses().that().resideInAPackage(WEB)
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.inkan.engine.CertificateIssuer")
                .orShould().dependOnClassesThat().resideInAPackage("org.bouncycastle.cert..")
                .check(CLASSES);
    }

    @Test
    void sharedGaugesDependOnNoOtherPartOfInkan() {
        noClasses().that().resideInAPackage("dev.inkan.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage(ENGINE, AUTHORITY, ISSUANCE, EXPORT, ONESHOT, CLI, WEB, CONFIG,
                        MODULES[0], MODULES[1], MODULES[2])
                .check(CLASSES);
    }
}
