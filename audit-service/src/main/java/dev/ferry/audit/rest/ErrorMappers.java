package dev.ferry.audit.rest;

import dev.ferry.audit.service.BadRequest;
import dev.ferry.audit.service.Conflict;
import dev.ferry.audit.service.NotFound;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the read side's refusals into JSON 404, 400 and 409 answers. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response notFound(NotFound e) {
        return Response.status(Response.Status.NOT_FOUND).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e) {
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage())).build();
    }

    @ServerExceptionMapper
    public Response conflict(Conflict e) {
        return Response.status(Response.Status.CONFLICT).type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(e.getMessage())).build();
    }
}
