package dev.ferry.sim.dentes.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Keeps every error, including the framework's own, in the contract's envelope. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return ApiErrors.notFound("No such resource or path");
    }

    @ServerExceptionMapper
    public Response notAllowed(NotAllowedException e) {
        return ApiErrors.of(405, "METHOD_NOT_ALLOWED", "Method not allowed");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse() == null ? 500 : e.getResponse().getStatus();
        return ApiErrors.of(status, status == 400 ? "INVALID_REQUEST" : "ERROR",
                status == 400 ? "Malformed request" : "Request failed");
    }

    @ServerExceptionMapper
    public Response malformedJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        return ApiErrors.of(400, "INVALID_REQUEST", "Body is not valid JSON");
    }
}
