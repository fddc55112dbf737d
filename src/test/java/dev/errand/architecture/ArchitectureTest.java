package dev.errand.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ejb.Schedule;
import jakarta.ejb.Schedules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package boundaries of docs/architecture.md, checked on the compiled classes of src/main: a dependency that
 * breaks one fails the build here, before any server runs.
 */
class ArchitectureTest {

    private static JavaClasses errand;

    @BeforeAll
    static void importMainClasses() {
        errand = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.errand");
    }

    @Test
    void noPackageIsPartOfACycle() {
        slices().matching("dev.errand.(**)").should().beFreeOfCycles().check(errand);
    }

    @Test
    void theTopLevelPartsFormNoCycle() {
        slices().matching("dev.errand.(*)..").should().beFreeOfCycles().check(errand);
    }

    @Test
    void thePlatformIsTheGroundFloor() {
        noClasses().that().resideInAPackage("dev.errand.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.errand.job..", "dev.errand.app..",
                        "dev.errand.dashboard..", "dev.errand.server..")
                .check(errand);
    }

    @Test
    void theDemoUsesOnlyThePublicApiAndThePlatform() {
        noClasses().that().resideInAPackage("dev.errand.app..")
                .should().dependOnClassesThat(resideInAPackage("dev.errand..")
                        .and(not(resideInAnyPackage("dev.errand.app..", "dev.errand.job", "dev.errand.platform.."))))
                .check(errand);
    }

    @Test
    void thePublicApiDependsOnNothingOfErrand() {
        noClasses().that().resideInAPackage("dev.errand.job")
                .should().dependOnClassesThat().resideInAnyPackage("dev.errand.job.(*)..", "dev.errand.app..",
                        "dev.errand.dashboard..", "dev.errand.server..", "dev.errand.platform..")
                .check(errand);
    }

    @Test
    void theEngineKnowsNothingOfItsUsers() {
        noClasses().that().resideInAPackage("dev.errand.job..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.errand.app..", "dev.errand.dashboard..")
                .check(errand);
    }

    /** The timers call the runs; the definitions manage the timers: no way back from a timer to the definitions. */
    @Test
    void recurringTimersDoNotCallBackIntoTheDefinitions() {
        noClasses().that().haveFullyQualifiedName("dev.errand.job.recurring.RecurringTimers")
                .should().dependOnClassesThat().haveFullyQualifiedName("dev.errand.job.recurring.RecurringJobs")
                .check(errand);
    }

    /**
     * Periodic work is a HousekeepingTask: one runner, one place to see every interval. The dashboard's live ticker
     * is no chore of the server but a push to open browsers, every second while someone watches.
     */
    @Test
    void noPeriodicWorkBesideTheHousekeepingRunner() {
        noMethods().that().areDeclaredInClassesThat().doNotHaveFullyQualifiedName("dev.errand.dashboard.LiveTicker")
                .should().beAnnotatedWith(Schedule.class).orShould().beAnnotatedWith(Schedules.class)
                .check(errand);
    }
}
