package io.storefront.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Browser;
import io.storefront.support.Fixtures;
import io.storefront.warehouse.assignment.AssignmentService;

/**
 * A shopper and a warehouse clerk using the pages in headless Chromium, against the running service: the issue's
 * flows end to end, and a screenshot of each main page in target/screenshots.
 */
@QuarkusTest
class StorefrontBrowserTest {

    @TestHTTPResource("/")
    URL root;

    @Inject
    Fixtures fixtures;

    @Inject
    AssignmentService assignments;

    Browser browser;

    @BeforeEach
    void openBrowser() {
        browser = Browser.open(root);
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }

    @Test
    void shouldSearchAddToCartCheckOutOrderAndCancel() {
        String marker = Fixtures.marker();
        UUID lamp = fixtures.item("Desk Lamp " + marker, "Brass desk lamp with a linen shade", 2500, 10);
        UUID lantern = fixtures.item("Camping Lantern " + marker, "Rechargeable lantern", 1500, 3);
        UUID shade = fixtures.item("Lamp Shade " + marker, "Spare linen shade", 500, 0);
        browser.go("/");
        browser.signIn("dev-customer");
        browser.awaitText(By.id("who"), "Signed in as a customer");

        browser.type(By.id("q"), marker);
        List<String> suggestions = browser.visible(By.id("suggestions")).findElements(By.cssSelector("[role=option]"))
                .stream().map(WebElement::getText).toList();
        assertThat(suggestions).isNotEmpty().allSatisfy(text -> assertThat(text).containsIgnoringCase(marker));
        browser.visible(By.id("q")).sendKeys(Keys.ENTER);
        browser.awaitText(By.id("result-summary"), "3 results");
        browser.select(By.id("sort"), "price_asc");
        browser.await(Duration.ofSeconds(10), b -> resultIds(b).equals(List.of(shade, lantern, lamp)));
        assertThat(resultText(lantern)).contains("$15.00").contains("Only 3 left");
        assertThat(resultText(shade)).contains("Out of stock");
        assertThat(result(shade).findElement(By.className("add-to-cart")).isEnabled()).isFalse();
        browser.type(By.id("max-price"), "15");
        browser.click(By.id("search-button"));
        browser.await(Duration.ofSeconds(10), b -> resultIds(b).equals(List.of(shade, lantern)));
        browser.screenshot("search");

        browser.click(By.linkText("Camping Lantern " + marker));
        browser.awaitText(By.id("item-name"), "Camping Lantern");
        browser.type(By.id("item-quantity"), "5");
        browser.click(By.id("item-add"));
        assertThat(browser.awaitText(By.id("error"), "only 3 left")).isEqualTo("Sorry, only 3 left in stock.");
        browser.go("/#/item/" + lamp);
        browser.awaitText(By.id("item-name"), "Desk Lamp");
        browser.type(By.id("item-quantity"), "2");
        browser.click(By.id("item-add"));
        browser.awaitText(By.id("message"), "Added Desk Lamp " + marker + " to your cart.");
        browser.screenshot("item");

        browser.click(By.id("nav-cart"));
        browser.awaitText(By.id("cart-total"), "$50.00");
        browser.type(By.id("qty-" + lamp), "3" + Keys.TAB);
        browser.awaitText(By.id("cart-total"), "$75.00");
        browser.screenshot("cart");

        browser.click(By.id("start-checkout"));
        browser.awaitText(By.id("reserved"), "Desk Lamp " + marker + " × 3");
        assertThat(browser.text(By.id("countdown"))).matches("Your items are reserved for (9:5\\d|10:00) more .*");
        assertThat(fixtures.aggregated(lamp)).isEqualTo(7);
        fillAddress();
        browser.screenshot("checkout");
        browser.click(By.id("place-order"));
        browser.awaitText(By.id("message"), "Thank you! Your order is placed.");
        assertThat(browser.text(By.id("order-lines"))).contains("Desk Lamp " + marker + " × 3 at $25.00");
        browser.screenshot("order");

        browser.click(By.id("cancel-order"));
        browser.awaitText(By.id("order-status"), "Cancelled");
        assertThat(browser.all(By.id("cancel-order"))).isEmpty();
        assertThat(fixtures.aggregated(lamp)).isEqualTo(10);
        browser.click(By.id("nav-orders"));
        browser.awaitText(By.id("orders"), "Cancelled");
        browser.screenshot("orders");
        fixtures.auditOwnItems();
    }

    @Test
    void shouldAlertAtCheckoutAboutAnItemThatWentOutOfStockAfterItWasAdded() {
        String marker = Fixtures.marker();
        UUID kettle = fixtures.item("Travel Kettle " + marker, "Folding kettle", 3999, 5);
        UUID mug = fixtures.item("Enamel Mug " + marker, "The last one", 1200, 1);
        browser.go("/");
        browser.signIn("dev-customer");
        browser.type(By.id("q"), marker + Keys.ENTER);
        browser.awaitText(By.id("result-summary"), "2 results");
        addFromResults(kettle);
        browser.awaitText(By.id("message"), "Added Travel Kettle");
        addFromResults(mug);
        browser.awaitText(By.id("message"), "Added Enamel Mug");

        UUID otherCustomer = UUID.randomUUID();
        Api.checkout(otherCustomer, Map.of(mug, 1)); // someone else reserves the last mug

        browser.click(By.id("nav-cart"));
        WebElement mugLine = browser.visible(By.cssSelector(".cart-line[data-item-id='" + mug + "']"));
        assertThat(mugLine.getAttribute("class")).contains("flagged");
        assertThat(mugLine.getText()).contains("Out of stock");
        browser.click(By.id("start-checkout"));
        String alert = browser.awaitText(By.id("unavailable"), "Not reserved");
        assertThat(alert).contains("Enamel Mug " + marker + ": you wanted 1, none is in stock now");
        assertThat(browser.visible(By.id("unavailable")).getAttribute("role")).isEqualTo("alert");
        assertThat(browser.text(By.id("reserved"))).isEqualTo("Travel Kettle " + marker + " × 1");
        browser.screenshot("checkout-out-of-stock");

        browser.click(By.id("cancel-checkout"));
        browser.awaitText(By.id("message"), "Checkout cancelled");
        assertThat(fixtures.aggregated(kettle)).isEqualTo(5);
        Api.as(otherCustomer).delete("/api/v1/checkout").then().statusCode(204);
        fixtures.auditOwnItems();
    }

    @Test
    void shouldShowTheCustomerTheShipmentOnceTheWarehouseShipsIt() {
        String marker = Fixtures.marker();
        UUID warehouse = fixtures.warehouse("Browser DC " + marker, "Newark", "NJ", 40.73, -74.17);
        UUID tent = fixtures.item("Trail Tent " + marker, "Two-person tent", 18900, 0);
        fixtures.addStock(tent, warehouse, 5);
        browser.go("/");
        browser.signIn("dev-customer");
        browser.go("/#/item/" + tent);
        browser.click(By.id("item-add"));
        browser.awaitText(By.id("message"), "Added Trail Tent");
        browser.click(By.id("nav-cart"));
        browser.click(By.id("start-checkout"));
        fillAddress();
        browser.click(By.id("place-order"));
        browser.awaitText(By.id("message"), "Thank you! Your order is placed.");
        browser.await(Duration.ofSeconds(10), b -> b.all(By.id("cart-count")).get(0).getText().isEmpty()); // cart emptied
        String orderId = browser.visible(By.cssSelector("article.order")).getAttribute("data-order-id");
        String customerWindow = browser.window();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            assignments.assignNext();
            return fixtures.queryInt("SELECT count(*) FROM warehouse_order WHERE order_id = ?", UUID.fromString(orderId)) > 0;
        });

        browser.newWindow();
        browser.go("/warehouse"); // not signed in in this window: the console opens its sign-in panel
        browser.select(By.id("dev-warehouse-id"), warehouse.toString());
        browser.click(By.id("dev-warehouse"));
        By newOrder = By.cssSelector("#orders-new [data-parent-order-id='" + orderId + "']");
        assertThat(browser.visible(newOrder).getText()).contains("1 × Trail Tent " + marker).contains("Springfield");
        browser.screenshot("warehouse");
        browser.visible(newOrder).findElement(By.className("acknowledge")).click();
        By acknowledged = By.cssSelector("#orders-acknowledged [data-parent-order-id='" + orderId + "']");
        browser.visible(acknowledged).findElement(By.className("ship")).click();
        browser.awaitText(By.id("message"), "Shipped order");
        assertThat(browser.all(acknowledged)).isEmpty();

        awaitStockRow(tent, 4, 4);
        browser.type(By.id("report-item"), marker);
        browser.click(By.cssSelector("#report-item-suggestions [data-item-id='" + tent + "']"));
        browser.type(By.id("report-quantity"), "6");
        browser.click(By.id("receive"));
        browser.awaitText(By.id("message"), "Received 6 × Trail Tent " + marker + ": 10 on the shelves, 10 available.");
        browser.type(By.id("report-quantity"), "2");
        browser.type(By.id("report-reason"), "water damage");
        browser.click(By.id("write-off"));
        browser.awaitText(By.id("message"), "Wrote off 2 × Trail Tent " + marker + ": 8 on the shelves, 8 available.");
        awaitStockRow(tent, 8, 8);
        browser.screenshot("warehouse-stock");

        browser.switchTo(customerWindow);
        browser.await(Duration.ofSeconds(15), b -> b.text(By.id("order-status")).equals("Shipped"));
        assertThat(browser.text(By.id("shipments"))).contains("Shipment 1: Shipped").contains("Trail Tent " + marker + " × 1");
        assertThat(browser.all(By.id("cancel-order"))).isEmpty();
        browser.screenshot("order-shipped");
        fixtures.auditOwnItems();
    }

    private void awaitStockRow(UUID item, int physical, int available) {
        String row = "#stock-rows tr[data-item-id='" + item + "'] ";
        browser.await(Duration.ofSeconds(10), b -> b.text(By.cssSelector(row + ".physical")).equals(String.valueOf(physical))
                && b.text(By.cssSelector(row + ".available")).equals(String.valueOf(available)));
    }

    private void fillAddress() {
        Map<String, String> address = Map.of("name", "Ada Lovelace", "line1", "12 Analytical Way", "city", "Springfield",
                "region", "IL", "postalCode", "62701");
        address.forEach((field, value) -> browser.type(By.id("address-" + field), value));
    }

    private void addFromResults(UUID item) {
        result(item).findElement(By.className("add-to-cart")).click();
    }

    private WebElement result(UUID item) {
        return browser.visible(By.cssSelector("#results [data-item-id='" + item + "']"));
    }

    private String resultText(UUID item) {
        return result(item).getText();
    }

    private static List<UUID> resultIds(Browser browser) {
        return browser.all(By.cssSelector("#results > li")).stream()
                .map(li -> UUID.fromString(li.getAttribute("data-item-id"))).toList();
    }
}
