/**
 * Who is calling: the caller of a request ({@code Caller}), the three roles, and the dev-mode token endpoint.
 * May use {@code shared.error} and {@code shared.web}.
 */
package io.storefront.shared.security;
