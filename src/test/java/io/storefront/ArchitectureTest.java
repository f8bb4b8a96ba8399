package io.storefront;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package map of docs/ARCHITECTURE.md, dependencies pointing left: shared ← stock ← catalog ← cart ← checkout ←
 * order ← warehouse, devdata on the far right; a feature's sub-packages (warehouse.orders, ...) belong to its slice
 * and layer. And the one writer of stock tables.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.storefront");

    @Test
    void featurePackagesShouldHaveNoCycles() {
        slices().matching("io.storefront.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void packagesShouldDependOnlyLeftwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("shared").definedBy("io.storefront.shared..")
                .layer("stock").definedBy("io.storefront.stock..")
                .layer("catalog").definedBy("io.storefront.catalog..")
                .layer("cart").definedBy("io.storefront.cart..")
                .layer("checkout").definedBy("io.storefront.checkout..")
                .layer("order").definedBy("io.storefront.order..")
                .layer("warehouse").definedBy("io.storefront.warehouse..")
                .layer("devdata").definedBy("io.storefront.devdata..")
                .whereLayer("devdata").mayNotBeAccessedByAnyLayer()
                .whereLayer("warehouse").mayOnlyBeAccessedByLayers("devdata")
                .whereLayer("order").mayOnlyBeAccessedByLayers("warehouse", "devdata")
                .whereLayer("checkout").mayOnlyBeAccessedByLayers("order", "warehouse", "devdata")
                .whereLayer("cart").mayOnlyBeAccessedByLayers("checkout", "order", "warehouse", "devdata")
                .whereLayer("catalog").mayOnlyBeAccessedByLayers("cart", "checkout", "order", "warehouse", "devdata")
                .whereLayer("stock").mayOnlyBeAccessedByLayers("catalog", "cart", "checkout", "order", "warehouse",
                        "devdata")
                .check(CLASSES);
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
                        "io.storefront.checkout..", "io.storefront.order..", "io.storefront.warehouse..",
                        "io.storefront.devdata..")
                .check(CLASSES);
    }

    /** shared and its sub-packages (error, db, web, security) know no feature, including any added later. */
    @Test
    void sharedShouldDependOnNoFeature() {
        noClasses().that().resideInAPackage("io.storefront.shared..")
                .should().dependOnClassesThat(resideInAPackage("io.storefront..")
                        .and(not(resideInAPackage("io.storefront.shared.."))))
                .check(CLASSES);
    }

    /** DOMAIN.md's stock numbers change in one place: every INSERT or UPDATE of a stock table is in StockMoves. */
    @Test
    void onlyStockMovesShouldWriteStockTables() throws IOException {
        Pattern write = Pattern.compile("(?i)(insert\\s+into|update)\\s+(item_stock|warehouse_stock)\\b");
        Path sources = Path.of("src/main/java");
        List<String> writers;
        try (Stream<Path> files = Files.walk(sources)) {
            writers = files.filter(file -> file.toString().endsWith(".java"))
                    .filter(file -> write.matcher(read(file)).find())
                    .map(file -> sources.relativize(file).toString().replace('\\', '/'))
                    .toList();
        }
        assertThat(writers).containsExactly("io/storefront/stock/StockMoves.java");
    }

    /** One transaction style: business actions through Transactions.retrying, background reads through reading. */
    @Test
    void onlyTransactionsShouldOpenTransactions() {
        noClasses().that().doNotHaveFullyQualifiedName("io.storefront.shared.db.Transactions")
                .should().dependOnClassesThat().haveFullyQualifiedName("io.quarkus.narayana.jta.QuarkusTransaction")
                .check(CLASSES);
        noClasses().should().beAnnotatedWith("jakarta.transaction.Transactional").check(CLASSES);
        noMethods().should().beAnnotatedWith("jakarta.transaction.Transactional").check(CLASSES);
    }

    /** Which package owns each table: only its classes name the table in SQL. */
    private static final Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("item", "catalog"), Map.entry("search_index_epoch", "catalog"), Map.entry("search_indexer", "catalog"),
            Map.entry("item_change_seq", "catalog"),
            Map.entry("item_stock", "stock"), Map.entry("warehouse_stock", "stock"),
            Map.entry("cart_line", "cart"),
            Map.entry("checkout", "checkout"), Map.entry("checkout_line", "checkout"),
            Map.entry("customer_order", "order"), Map.entry("order_line", "order"),
            Map.entry("idempotency_key", "order"), Map.entry("payment_void", "order"),
            Map.entry("warehouse", "warehouse"), Map.entry("warehouse_order", "warehouse"),
            Map.entry("warehouse_order_line", "warehouse"), Map.entry("stock_event", "warehouse"),
            Map.entry("outbox", "warehouse"));

    /**
     * Reads of other features' tables that are still made directly, each with its reason; the list may only
     * shrink. The audit reads every table by design: one snapshot over all the numbers DOMAIN.md relates, read
     * independently of the code whose results it checks.
     */
    private static final Set<String> KNOWN_FOREIGN_READS = Set.of(
            "stock/StockAudit.java: checkout", "stock/StockAudit.java: checkout_line",
            "stock/StockAudit.java: customer_order", "stock/StockAudit.java: order_line",
            "stock/StockAudit.java: warehouse_order", "stock/StockAudit.java: warehouse_order_line");

    private static final Pattern TABLE = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE)\\s+([a-z_]+)\\b");

    @Test
    void onlyTheOwningFeatureShouldNameItsTablesInSql() throws IOException {
        Path sources = Path.of("src/main/java/io/storefront");
        Set<String> foreign = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String relative = sources.relativize(file).toString().replace('\\', '/');
                String feature = relative.substring(0, relative.indexOf('/'));
                Matcher tables = TABLE.matcher(read(file));
                while (tables.find()) {
                    String owner = OWNERS.get(tables.group(1));
                    if (owner != null && !owner.equals(feature)) {
                        foreign.add(relative + ": " + tables.group(1));
                    }
                }
            }
        }
        assertThat(foreign).as("SQL naming another feature's table (fix one, then strike it from the list)")
                .containsExactlyInAnyOrderElementsOf(KNOWN_FOREIGN_READS);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
