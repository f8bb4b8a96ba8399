/**
 * The HTTP API's common shapes and input rules: paging and cursors, ids from paths and bodies, the wire value
 * types {@code Money} and {@code Address}, strict JSON input and request ids. May use {@code shared.error}.
 */
package io.storefront.shared.web;
