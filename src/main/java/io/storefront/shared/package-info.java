/**
 * What every feature may use and that knows no feature: the typed configuration ({@code ShopConfig}), the
 * injectable clock and the background-jobs readiness check; errors, database helpers, web and security sit in the
 * sub-packages. May use only its own sub-packages.
 */
package io.storefront.shared;
