package io.storefront.shared.web;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.regex.Pattern;

import io.storefront.shared.error.ApiException;

/** A postal address, the same shape for shipping addresses and warehouses. */
@RegisterForReflection
public record Address(String name, String line1, String line2, String city, String region, String postalCode,
        String country) {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final int MAX = 200;

    /** The address with its text trimmed, or a 400 naming the first field that is missing or too long. */
    public Address validated(String field) {
        String line2Value = line2 == null || line2.isBlank() ? null : required(field + ".line2", line2);
        Address valid = new Address(required(field + ".name", name), required(field + ".line1", line1), line2Value,
                required(field + ".city", city), required(field + ".region", region),
                required(field + ".postalCode", postalCode), required(field + ".country", country));
        if (!COUNTRY.matcher(valid.country).matches()) {
            throw ApiException.validation(field + ".country", "'" + field + ".country' must be an ISO 3166 code like US");
        }
        return valid;
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank() || value.strip().length() > MAX) {
            throw ApiException.validation(field, "'" + field + "' is required and at most " + MAX + " characters");
        }
        return value.strip();
    }
}
