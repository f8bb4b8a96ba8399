package io.storefront.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The browser pages are plain files that load without a token, beside an API whose contract they do not change. */
@QuarkusTest
class PagesTest {

    @Test
    void shouldServeTheStorefrontAndTheWarehouseConsoleWithoutAToken() {
        given().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<title>Storefront</title>"));
        given().redirects().follow(false).get("/warehouse").then().statusCode(302)
                .header("Location", endsWith("/warehouse/"));
        given().get("/warehouse/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<title>Warehouse console</title>"));
        for (String asset : List.of("/assets/shop.js", "/assets/storefront.js", "/assets/warehouse.js", "/assets/shop.css")) {
            given().get(asset).then().statusCode(200).header("Cache-Control", containsString("max-age=600"));
        }
    }

    @Test
    void shouldStillAnswerUnknownPathsWithAProblem() {
        for (String path : List.of("/nowhere", "/assets/nothing.js", "/warehouse/nothing", "/api/v1/nowhere")) {
            given().get(path).then().statusCode(404).contentType("application/problem+json")
                    .body("code", equalTo("NOT_FOUND"));
        }
    }

    @Test
    void shouldLeaveThePagesOutOfTheApiDescription() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/items"))
                .body(not(containsString("/warehouse:"))).body(not(containsString("/assets")));
    }
}
