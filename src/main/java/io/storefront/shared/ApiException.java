package io.storefront.shared;

import java.util.Map;

/**
 * A failure the client can act on: an HTTP status, a stable machine-readable {@code code} (see API.md) and extra
 * fields that help the client (for example {@code available}). Mapped to problem+json in {@link ProblemMapper}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Map<String, Object> extensions;

    public ApiException(int status, String code, String detail) {
        this(status, code, detail, Map.of());
    }

    public ApiException(int status, String code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.extensions = extensions;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, "NOT_FOUND", what + " was not found");
    }

    public static ApiException validation(String field, String detail) {
        return new ApiException(400, "VALIDATION_FAILED", detail, Map.of("field", field));
    }

    public static ApiException conflict(String code, String detail) {
        return new ApiException(409, code, detail);
    }

    public static ApiException conflict(String code, String detail, Map<String, Object> extensions) {
        return new ApiException(409, code, detail, extensions);
    }
}
