package io.storefront.shared.error;

import java.util.Map;

/**
 * A failure the client can act on: an HTTP status, a stable machine-readable {@code code} (see API.md) and extra
 * fields that help the client (for example {@code available}). Mapped to problem+json in {@link ProblemMapper}.
 */
public class ApiException extends RuntimeException {

    private final ErrorCode code;
    private final Map<String, Object> extensions;

    public ApiException(ErrorCode code, String detail) {
        this(code, detail, Map.of());
    }

    public ApiException(ErrorCode code, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.code = code;
        this.extensions = extensions;
    }

    public int status() {
        return code.status();
    }

    public ErrorCode code() {
        return code;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ApiException notFound(String what) {
        return new ApiException(ErrorCode.NOT_FOUND, what + " was not found");
    }

    public static ApiException validation(String field, String detail) {
        return new ApiException(ErrorCode.VALIDATION_FAILED, detail, Map.of("field", field));
    }

    /** A 409: the request is valid but the state of things refuses it. */
    public static ApiException conflict(ErrorCode code, String detail) {
        return conflict(code, detail, Map.of());
    }

    public static ApiException conflict(ErrorCode code, String detail, Map<String, Object> extensions) {
        if (code.status() != 409) {
            throw new IllegalArgumentException(code + " is not a conflict");
        }
        return new ApiException(code, detail, extensions);
    }
}
