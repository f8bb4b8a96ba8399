package io.storefront.checkout;

import java.util.UUID;

/** A reserved line of a checkout, with the unit price the server fixed when the checkout began. */
public record ReservedLine(UUID itemId, int quantity, long unitPriceAmount) {
}
