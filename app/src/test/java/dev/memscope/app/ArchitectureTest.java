package dev.memscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules of DESIGN.md and STYLE.md rule 7, as tests (production classes of every module). */
class ArchitectureTest {
    private static final DescribedPredicate<JavaClass> OUTSIDE_API = DescribedPredicate.describe(
            "emulator classes outside dev.memscope.emulator.api",
            c -> c.getPackageName().startsWith("dev.memscope.emulator")
                    && !c.getPackageName().startsWith("dev.memscope.emulator.api"));
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.memscope");
    }

    @Test
    void the_emulator_imports_no_javafx() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.memscope.emulator..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.fxmisc..")
                .because("the machine must run without a display (STYLE.md rule 7)");
        rule.check(classes);
    }

    @Test
    void views_use_only_the_emulators_read_only_api() {
        noClasses().that().resideInAPackage("dev.memscope.views..")
                .should().dependOnClassesThat(OUTSIDE_API)
                .because("views read immutable snapshots only (DESIGN.md, Observation and threading)")
                .check(classes);
    }

    @Test
    void only_the_real_kvm_backend_imports_jnr() {
        noClasses().that().resideOutsideOfPackage("dev.memscope.emulator.backend.kvm..")
                .should().dependOnClassesThat().resideInAnyPackage("jnr..", "com.kenai.jffi..")
                .because("only backend.kvm talks to the kernel through jnr-ffi")
                .check(classes);
    }

    @Test
    void the_emulator_does_not_depend_on_the_app_or_views() {
        noClasses().that().resideInAPackage("dev.memscope.emulator..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.memscope.app..", "dev.memscope.views..")
                .check(classes);
    }
}
