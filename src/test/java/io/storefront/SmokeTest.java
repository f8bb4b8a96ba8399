package io.storefront;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import static io.restassured.RestAssured.given;
@QuarkusTest
class SmokeTest {
  @Test void up() { given().get("/q/health/ready").then().statusCode(200); }
}
