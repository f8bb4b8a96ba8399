package io.storefront;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** Keeps the feature packages of STYLE.md free of cycles: catalog ← cart ← checkout → order → warehouse. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storefront");

    @Test
    void featurePackagesShouldHaveNoCycles() {
        slices().matching("io.storefront.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void catalogShouldNotKnowLaterFeatures() {
        noClasses().that().resideInAPackage("io.storefront.catalog..")
                .should().dependOnClassesThat().resideInAnyPackage("io.storefront.cart..", "io.storefront.checkout..",
                        "io.storefront.order..", "io.storefront.warehouse..")
                .check(CLASSES);
    }

    @Test
    void cartShouldNotKnowCheckoutOrOrders() {
        noClasses().that().resideInAPackage("io.storefront.cart..")
                .should().dependOnClassesThat().resideInAnyPackage("io.storefront.checkout..", "io.storefront.order..",
                        "io.storefront.warehouse..")
                .check(CLASSES);
    }

    @Test
    void sharedAndStockShouldNotKnowFeatures() {
        noClasses().that().resideInAnyPackage("io.storefront.shared..", "io.storefront.stock..")
                .should().dependOnClassesThat().resideInAnyPackage("io.storefront.catalog..", "io.storefront.cart..",
                        "io.storefront.checkout..", "io.storefront.order..", "io.storefront.warehouse..")
                .check(CLASSES);
    }
}
