package io.storefront.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.restassured.RestAssured;

/**
 * Requests for the contenders of a {@link Race}, sent with {@code java.net.http} (RestAssured is not thread-safe).
 * Each {@link Call} is built, token and body included, before the start gate; a contender only sends it.
 */
public final class RaceHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private RaceHttp() {
    }

    /** A response: its status and JSON body (a missing node when the body is empty or not JSON). */
    public record Reply(int status, JsonNode body) {

        /** The problem {@code code} of an error response. */
        public String code() {
            return body.path("code").asText(null);
        }

        /** A top-level field of the body as text. */
        public String path(String field) {
            return body.path(field).asText(null);
        }

        /** What a client acts on: the status and, for an error, its problem code ("409 OUT_OF_STOCK"). */
        public String outcome() {
            return status < 400 ? Integer.toString(status) : status + " " + code();
        }
    }

    /** A request ready to send. */
    public record Call(HttpRequest request) {

        public Reply send() {
            try {
                HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
                return new Reply(response.statusCode(), parse(response.body()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    public static Call beginCheckout(UUID customer) {
        return call("POST", "/api/v1/checkout", Tokens.customer(customer), null, Map.of());
    }

    public static Call cancelCheckout(UUID customer) {
        return call("DELETE", "/api/v1/checkout", Tokens.customer(customer), null, Map.of());
    }

    public static Call putInCart(UUID customer, UUID item, int quantity) {
        return call("PUT", "/api/v1/cart/items/" + item, Tokens.customer(customer), Map.of("quantity", quantity),
                Map.of());
    }

    public static Call submit(UUID customer, String idempotencyKey, String checkoutId, String paymentToken) {
        return call("POST", "/api/v1/orders", Tokens.customer(customer),
                Api.orderBody(checkoutId, paymentToken, Api.ADDRESS), Map.of("Idempotency-Key", idempotencyKey));
    }

    public static Call cancelOrder(UUID customer, String orderId) {
        return call("POST", "/api/v1/orders/" + orderId + "/cancel", Tokens.customer(customer), null, Map.of());
    }

    public static Call ship(UUID warehouse, String warehouseOrderId) {
        return call("POST", "/api/v1/warehouses/" + warehouse + "/orders/" + warehouseOrderId + "/ship",
                Tokens.warehouse(warehouse), null, Map.of());
    }

    /** A receipt ({@code reason} null) or loss report, with the given token. */
    public static Call report(String token, UUID warehouse, UUID item, String kind, int quantity, String eventId,
            String reason) {
        return call("POST", "/api/v1/warehouses/" + warehouse + "/stock/" + item + "/" + kind, token,
                Api.reportBody(quantity, eventId, reason), Map.of());
    }

    private static Call call(String method, String path, String token, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + path))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new Call(request.build());
    }

    /** The test service's address, as Quarkus gives it to RestAssured. */
    private static String baseUri() {
        return RestAssured.baseURI + ":" + RestAssured.port;
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? MissingNode.getInstance() : JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }
}
