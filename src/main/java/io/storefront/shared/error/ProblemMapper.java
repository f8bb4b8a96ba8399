package io.storefront.shared.error;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one place where failures become RFC 9457 problem+json responses with the stable codes of API.md.
 * Nothing from an exception but its intended detail reaches the client: no stack traces, no class names.
 */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return problem(e.status(), e.code(), e.getMessage(), e.extensions());
    }

    @ServerExceptionMapper
    public Response unrecognizedField(UnrecognizedPropertyException e) {
        return invalidBody(fieldOf(e), "Unknown field '" + e.getPropertyName() + "'");
    }

    @ServerExceptionMapper
    public Response invalidValue(InvalidFormatException e) {
        return invalidBody(fieldOf(e), "Field '" + fieldOf(e) + "' has an invalid value");
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = fieldOf(e);
        return invalidBody(field, field.isEmpty() ? "The request body does not have the expected shape"
                : "Field '" + field + "' has the wrong type or is missing");
    }

    @ServerExceptionMapper
    public Response outOfRange(InputCoercionException e) {
        JsonParser parser = e.getProcessor();
        String field = parser == null ? "" : fieldOf(parser.getParsingContext());
        return invalidBody(field, "A number in the request body is out of range"
                + (field.isEmpty() ? "" : " ('" + field + "')"));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return invalidBody("", "The request body is not valid JSON");
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String field = e instanceof JsonMappingException mapping ? fieldOf(mapping) : "";
        return invalidBody(field, "The request body could not be read");
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, ErrorCode.FORBIDDEN, "This role may not perform this action", Map.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            // Quarkus REST wraps a number too large for its field, found while reading the body, in a plain 400.
            case 400 -> causeOf(e, InputCoercionException.class).map(this::outOfRange)
                    .orElseGet(() -> problem(400, ErrorCode.VALIDATION_FAILED, "The request is malformed", Map.of()));
            case 401 -> unauthorized();
            case 403 -> problem(403, ErrorCode.FORBIDDEN, "This role may not perform this action", Map.of());
            case 404 -> problem(404, ErrorCode.NOT_FOUND, "No resource at this path", Map.of());
            case 405 -> problem(405, ErrorCode.METHOD_NOT_ALLOWED, "This method is not allowed on this resource", Map.of());
            case 406 -> problem(406, ErrorCode.NOT_ACCEPTABLE, "This resource answers with application/json", Map.of());
            case 415 -> problem(415, ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the request body as application/json", Map.of());
            default -> status >= 500 ? internal(e) : problem(status, ErrorCode.REQUEST_FAILED, "The request failed", Map.of());
        };
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (isDatabaseUnavailable(e)) {
            Log.warnf("Database unavailable, answered 503: %s", rootMessage(e));
            return Response.fromResponse(problem(503, ErrorCode.SERVICE_UNAVAILABLE,
                    "The service cannot reach its database right now; try again shortly", Map.of()))
                    .header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        // PostgreSQL's "data exception" class (22xxx): a NUL character in text, a timestamp or number out of
        // range. Validation should refuse these first, so one that gets here is a gap in it: logged as such, and
        // still a 400 (the value came from the request) rather than a 500.
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                Log.warnf("A value the database cannot store got past validation (SQLSTATE %s): %s",
                        sql.getSQLState(), sql.getMessage());
                return problem(400, ErrorCode.VALIDATION_FAILED, "A value in the request cannot be stored (out of range or "
                        + "containing a character such as NUL)", Map.of("field", "body"));
            }
        }
        return internal(e);
    }

    /**
     * A failure to reach the database rather than a failure of the request: no connection (SQLSTATE class 08),
     * the server shutting down or starting (57P01-57P03), the pool timing out waiting for a connection.
     */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().matches("57P0[123]"))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                return true;
            }
            if (t instanceof ConnectException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Response internal(Throwable e) {
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure, reference %s", reference);
        return problem(500, ErrorCode.INTERNAL_ERROR, "Unexpected failure; quote reference " + reference + " when reporting it",
                Map.of("reference", reference));
    }

    private static Response unauthorized() {
        return Response.fromResponse(problem(401, ErrorCode.UNAUTHORIZED, "A valid bearer token is required", Map.of()))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response invalidBody(String field, String detail) {
        return problem(400, ErrorCode.VALIDATION_FAILED, detail, Map.of("field", field.isEmpty() ? "body" : field));
    }

    private static <T extends Throwable> Optional<T> causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** Where the parser stood: "quantity", "address.postalCode", "lines[2].quantity". */
    private static String fieldOf(JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (JsonStreamContext at = context; at != null && !at.inRoot(); at = at.getParent()) {
            String step = at.inArray() ? "[" + at.getCurrentIndex() + "]"
                    : at.getCurrentName() == null ? "" : "." + at.getCurrentName();
            path.insert(0, step);
        }
        return path.length() > 0 && path.charAt(0) == '.' ? path.substring(1) : path.toString();
    }

    private static String fieldOf(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    public static Response problem(int status, ErrorCode code, String detail, Map<String, Object> extensions) {
        return Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, code.name(), detail, extensions)).build();
    }
}
