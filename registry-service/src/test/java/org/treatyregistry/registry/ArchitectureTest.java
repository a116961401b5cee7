package org.treatyregistry.registry;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import org.treatyregistry.platform.architecture.Architecture;

/** The boundaries every service keeps ({@link Architecture}), checked on this one's classes. */
@AnalyzeClasses(packages = "org.treatyregistry.registry", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchTests boundaries = ArchTests.in(Architecture.class);
}
