package io.storefront.shared.security;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.web.Ids;

/**
 * Mints tokens for trying the service in dev mode, signed with the key pair Quarkus generates for dev mode (and for
 * tests: the browser tests sign in through it, as a person does in dev mode). The class exists only in dev and test
 * builds: a packaged service has no way to mint tokens.
 */
@Path("/dev/token")
@IfBuildProfile(anyOf = { "dev", "test" })
public class DevTokenResource {

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Dev mode only: a bearer token for a role (customer, warehouse or admin)")
    public String token(@QueryParam("role") String role, @QueryParam("sub") String subject,
            @QueryParam("warehouseId") String warehouseId) {
        String group = role == null ? Roles.CUSTOMER : role;
        if (!Set.of(Roles.CUSTOMER, Roles.WAREHOUSE, Roles.ADMIN).contains(group)) {
            throw ApiException.validation("role", "'role' must be customer, warehouse or admin");
        }
        UUID id = subject == null ? UUID.randomUUID() : Ids.parse("sub", subject);
        JwtClaimsBuilder claims = Jwt.subject(id.toString()).groups(group).expiresIn(Duration.ofHours(12));
        if (Roles.WAREHOUSE.equals(group)) {
            claims.claim("warehouse_id", Ids.parse("warehouseId", warehouseId).toString());
        }
        return claims.sign();
    }
}
