/**
 * The HTTP API's common shapes and input rules: paging and cursors, ids from paths and bodies, the wire value
 * types {@code Money} and {@code Address}, strict JSON input and request ids, and the route that the static browser
 * pages need ({@code Pages}). May use {@code shared.error}.
 */
package io.storefront.shared.web;
