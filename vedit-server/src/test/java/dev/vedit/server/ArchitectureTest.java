package dev.vedit.server;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;
import org.junit.jupiter.api.Test;

/** The layering, written down: packages by feature with no cycles, and the engine seam free of FFmpeg. */
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.vedit.server");

    @Test
    void packagesDependOnEachOtherWithoutCycles() {
        slices().matching("dev.vedit.server.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theEngineSeamKnowsNoFfmpegAndNoEngine() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("dev.vedit.server.engine")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vedit.server.ffmpeg..", "dev.vedit.server.engine.local..",
                        "dev.vedit.server.engine.comfyui..", "dev.vedit.server.engine.relay..", "dev.vedit.server.task..")
                .check(MAIN);
    }

    @Test
    void ffmpegIsATool_itKnowsNoEngineAndNoTask() {
        ArchRuleDefinition.noClasses().that().resideInAPackage("dev.vedit.server.ffmpeg..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.vedit.server.engine..", "dev.vedit.server.task..",
                        "dev.vedit.server.http..")
                .check(MAIN);
    }
}
