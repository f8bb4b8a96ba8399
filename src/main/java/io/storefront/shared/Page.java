package io.storefront.shared;

import java.util.List;

/** One page of a list: the API's {@code {"items": [...], "nextCursor": "..." | null}}. */
public record Page<T>(List<T> items, String nextCursor) {
}
