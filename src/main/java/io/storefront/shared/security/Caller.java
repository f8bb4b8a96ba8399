package io.storefront.shared.security;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;

/** The authenticated caller of this request, as its token describes it (see Identity in API.md). */
@RequestScoped
public class Caller {

    @Inject
    JsonWebToken token;

    /** The customer id is the token's subject; a token whose subject is not a UUID cannot act as a customer. */
    public UUID customerId() {
        return subjectId().orElseThrow(() -> new ApiException(ErrorCode.FORBIDDEN, "The token's subject is not a UUID"));
    }

    public boolean isAdmin() {
        return token.getGroups() != null && token.getGroups().contains(Roles.ADMIN);
    }

    /** The warehouse a warehouse token acts for, if it names one. */
    public Optional<UUID> warehouseId() {
        Object claim = token.getClaim("warehouse_id");
        if (claim == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(claim.toString().replace("\"", "")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private Optional<UUID> subjectId() {
        try {
            return Optional.ofNullable(token.getSubject()).map(UUID::fromString);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
