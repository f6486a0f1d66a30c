package dev.ferry.extractor.rest;

import dev.ferry.extractor.service.RunService;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns refusals into JSON error answers with the right status. */
public class ErrorMappers {

    @ServerExceptionMapper
    public Response refused(RunService.RunRequestRefused e) {
        return Response.status(e.status()).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(e.getMessage()))
                .build();
    }
}
