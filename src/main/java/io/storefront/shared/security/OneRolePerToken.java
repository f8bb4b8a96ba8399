package io.storefront.shared.security;

import java.util.Set;
import java.util.TreeSet;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;

/**
 * API.md: a token's {@code groups} claim holds exactly one role. A token that carries several is refused with 403
 * on every endpoint, before any resource method runs, so that a {@code [customer, admin]} token can neither act as
 * an admin nor as a customer (an identity provider that sends two roles is misconfigured; failing loudly shows it).
 */
public class OneRolePerToken {

    @Inject
    JsonWebToken token;

    @ServerRequestFilter
    public void refuseSeveralRoles() {
        Set<String> groups = token.getRawToken() == null ? null : token.getGroups();
        if (groups != null && groups.size() > 1) {
            throw new ApiException(ErrorCode.FORBIDDEN,
                    "A token carries exactly one role in its groups claim; this one carries " + new TreeSet<>(groups));
        }
    }
}
