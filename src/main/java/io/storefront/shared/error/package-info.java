/**
 * The one error contract: {@code ApiException} with the stable codes of {@code ErrorCode}, mapped to RFC 9457
 * problem+json in one place ({@code ProblemMapper}). May use no other package of the service.
 */
package io.storefront.shared.error;
