package io.storefront.shared.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** One page of a list: the API's {@code {"items": [...], "nextCursor": "..." | null}}. */
@RegisterForReflection
public record Page<T>(List<T> items, String nextCursor) {
}
