package io.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.storefront.support.Api;
import io.storefront.support.Fixtures;

/** Payment tokens and shipping addresses never reach the log, whatever happens to the order. */
@QuarkusTest
class LogPrivacyTest {

    @Inject
    Fixtures fixtures;

    @Test
    void shouldLogNeitherThePaymentTokenNorTheAddress() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String message = record.getMessage();
                if (record.getParameters() != null) {
                    for (Object parameter : record.getParameters()) {
                        message += " " + parameter;
                    }
                }
                if (record.getThrown() != null) {
                    message += " " + record.getThrown();
                }
                lines.add(message);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            UUID item = fixtures.item("Private Kettle", 3);
            UUID customer = UUID.randomUUID();
            String token = "tok_private_" + UUID.randomUUID().toString().substring(0, 8);
            Map<String, Object> address = Map.of("name", "Private Person", "line1", "77 Hidden Lane " + token,
                    "city", "Secretville", "region", "NY", "postalCode", "10001", "country", "US");
            String checkoutId = Api.checkout(customer, Map.of(item, 1));
            String orderId = Api.submit(customer, UUID.randomUUID().toString(), checkoutId, token, address).then()
                    .statusCode(201).extract().path("id");
            Api.as(customer).post("/api/v1/orders/{id}/cancel", orderId).then().statusCode(200);
            Api.submit(customer, UUID.randomUUID().toString(), checkoutId, token, address).then().statusCode(409);

            assertThat(lines).as("log lines of the flow").isNotEmpty();
            assertThat(lines).noneMatch(line -> line.contains(token) || line.contains("Hidden Lane")
                    || line.contains("Secretville"));
        } finally {
            root.removeHandler(capture);
        }
        fixtures.auditOwnItems();
    }
}
