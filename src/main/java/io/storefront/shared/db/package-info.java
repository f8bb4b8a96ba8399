/**
 * Database helpers: plain SQL on the current transaction ({@code Sql}), the retrying transaction
 * ({@code Transactions}), JSON for jsonb columns ({@code Json}) and, in JVM builds, the embedded PostgreSQL.
 * May use no other package of the service.
 */
package io.storefront.shared.db;
