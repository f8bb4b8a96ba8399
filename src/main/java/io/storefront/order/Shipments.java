package io.storefront.order;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What an order view shows of its warehouse orders. The warehouse feature owns those and implements this
 * (it depends on orders, never the reverse), so the order package reads no warehouse table itself.
 */
public interface Shipments {

    /** The shipments of each of the orders that has any, in the caller's transaction. */
    Map<UUID, List<OrderView.Shipment>> of(Collection<UUID> orderIds);
}
