package io.storefront.shared.error;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
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
        return invalidBody("", "A number in the request body is out of range");
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
            case 400 -> problem(400, ErrorCode.VALIDATION_FAILED, "The request is malformed", Map.of());
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
        // PostgreSQL's "data exception" class (22xxx): a NUL character in text, a timestamp or number out of
        // range. Validation should catch these first; this net keeps any it misses a 400 instead of a 500.
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("22")) {
                Log.debugf("Refused a value the database cannot store: %s", sql.getMessage());
                return problem(400, ErrorCode.VALIDATION_FAILED, "A value in the request cannot be stored (out of range or "
                        + "containing a character such as NUL)", Map.of("field", "body"));
            }
        }
        return internal(e);
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
