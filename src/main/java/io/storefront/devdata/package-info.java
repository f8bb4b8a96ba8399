/**
 * The sample catalog and warehouses dev mode loads (dev profile only). May use every other package, and
 * nothing may use it.
 */
package io.storefront.devdata;
