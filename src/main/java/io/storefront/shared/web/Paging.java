package io.storefront.shared.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import io.storefront.shared.error.ApiException;

/** Page sizes and opaque keyset cursors, validated the same way on every list endpoint. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
    private static final String SEPARATOR = "\u001f";

    private Paging() {
    }

    /** The page size of a {@code ?limit=} query parameter: absent means 20, anything but 1..100 is a 400. */
    public static int limit(String limit) {
        return limit(limit, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /** A {@code ?limit=} of a list with its own bounds: absent means {@code byDefault}, anything but 1..max is a 400. */
    public static int limit(String limit, int byDefault, int max) {
        if (limit == null || limit.isEmpty()) {
            return byDefault;
        }
        try {
            int value = Integer.parseInt(limit);
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // fall through to the 400 below
        }
        throw ApiException.validation("limit", "'limit' must be an integer between 1 and " + max);
    }

    /** An opaque cursor holding the sort key of the last row of a page. */
    public static String cursor(Object... parts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                text.append(SEPARATOR);
            }
            text.append(parts[i]);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A page from up to {@code limit + 1} rows read in list order: the extra row only tells that more follow, and
     * the cursor is made from the page's last row.
     */
    public static <T> Page<T> page(List<T> rows, int limit, java.util.function.Function<T, String> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> page = List.copyOf(rows.subList(0, limit));
        return new Page<>(page, cursorOf.apply(page.get(limit - 1)));
    }

    /** The sort key of lists ordered by creation time, then id. */
    public record TimeAndId(java.time.Instant time, java.util.UUID id) {
    }

    /** The (time, id) of a cursor made by {@code cursor(time, id)}, null for the first page, or a 400. */
    public static TimeAndId timeAndId(String cursor) {
        if (cursor == null) {
            return null;
        }
        List<String> parts = parts(cursor, 2);
        try {
            return new TimeAndId(java.time.Instant.parse(parts.get(0)), java.util.UUID.fromString(parts.get(1)));
        } catch (RuntimeException e) {
            throw ApiException.validation("cursor", "'cursor' is not a cursor this list returned");
        }
    }

    /** The parts of a cursor made by {@link #cursor}, or a 400 if the client sent something else. */
    public static List<String> parts(String cursor, int count) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> parts = List.of(text.split(SEPARATOR, -1));
            if (parts.size() == count) {
                return parts;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the 400 below
        }
        throw ApiException.validation("cursor", "'cursor' is not a cursor this list returned");
    }
}
