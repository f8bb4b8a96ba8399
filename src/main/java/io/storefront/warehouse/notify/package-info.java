/**
 * Webhook notifications to warehouses: the transactional outbox, its delivery with retries and leases, and the
 * signature. Knows nothing of what it carries; may use {@code shared} only.
 */
package io.storefront.warehouse.notify;
