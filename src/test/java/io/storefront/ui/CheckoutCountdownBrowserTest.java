package io.storefront.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.storefront.support.Browser;
import io.storefront.support.Fixtures;

/**
 * The checkout page counts down to the reservation's expiry and says when it has expired. The browser counts with
 * its own clock, so this service runs with a reservation of a few seconds instead of ten minutes.
 */
@QuarkusTest
@TestProfile(CheckoutCountdownBrowserTest.ShortReservation.class)
class CheckoutCountdownBrowserTest {

    static final Duration TTL = Duration.ofSeconds(10);

    public static class ShortReservation implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("shop.checkout.reservation-ttl", TTL.toString());
        }
    }

    @TestHTTPResource("/")
    URL root;

    @Inject
    Fixtures fixtures;

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
    void shouldCountDownToTheReservationsExpiryAndSayWhenItHasExpired() {
        UUID clock = fixtures.item("Cuckoo Clock " + Fixtures.marker(), "Carved walnut", 12900, 2);
        browser.go("/");
        browser.signIn("dev-customer");
        browser.go("/#/item/" + clock);
        browser.click(By.id("item-add"));
        browser.awaitText(By.id("message"), "Added Cuckoo Clock");
        browser.click(By.id("nav-cart"));
        browser.click(By.id("start-checkout"));

        assertThat(browser.awaitText(By.id("countdown"), "Your items are reserved for"))
                .matches("Your items are reserved for 0:(0\\d|10) more \\(until .*\\)\\.");
        assertThat(fixtures.aggregated(clock)).isEqualTo(1);
        browser.await(TTL.plusSeconds(10), b -> b.text(By.id("countdown")).startsWith("Your reservation expired at"));
        assertThat(browser.text(By.id("countdown"))).endsWith("The items are back on sale: check out again to reserve them.");
        assertThat(browser.visible(By.id("countdown")).getAttribute("role")).isEqualTo("alert");
        assertThat(browser.visible(By.id("place-order")).isEnabled()).isFalse();
        browser.screenshot("checkout-expired");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(fixtures.aggregated(clock)).isEqualTo(2));

        browser.click(By.id("checkout-again"));
        browser.awaitText(By.id("countdown"), "Your items are reserved for");
        assertThat(fixtures.aggregated(clock)).isEqualTo(1);
        browser.click(By.id("cancel-checkout"));
        browser.awaitText(By.id("message"), "Checkout cancelled");
        fixtures.auditOwnItems();
    }
}
