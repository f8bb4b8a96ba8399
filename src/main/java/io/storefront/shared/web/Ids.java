package io.storefront.shared.web;

import java.util.UUID;
import java.util.regex.Pattern;

import io.storefront.shared.error.ApiException;

/** Ids arrive as text in paths and bodies; a malformed one is the client's mistake (400), not a 404 or a 500. */
public final class Ids {

    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {
    }

    public static UUID parse(String field, String value) {
        if (value == null || !UUID_TEXT.matcher(value).matches()) {
            throw ApiException.validation(field, "'" + field + "' must be a UUID");
        }
        return UUID.fromString(value);
    }
}
