package dev.ferry.sim.dentes.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The contract's error envelope: {@code {"error":{"code":"...","message":"..."}}}. */
public final class ApiErrors {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiErrors() {
    }

    public static Response.ResponseBuilder builder(int status, String code, String message) {
        ObjectNode body = MAPPER.createObjectNode();
        ObjectNode error = body.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(body.toString());
    }

    public static Response of(int status, String code, String message) {
        return builder(status, code, message).build();
    }

    public static Response badRequest(String message) {
        return of(400, "INVALID_PARAMETER", message);
    }

    public static Response notFound(String message) {
        return of(404, "NOT_FOUND", message);
    }
}
