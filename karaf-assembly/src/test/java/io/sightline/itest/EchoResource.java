package io.sightline.itest;

import javax.ws.rs.Consumes;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

import io.sightline.api.rest.Public;

/**
 * A resource registered by the test probe, as any other bundle would register one, to check that
 * it joins Sightline's application and gets the shared JSON mapping, error model and
 * authentication (its methods without {@link Public} need a token).
 */
@Path("it-echo")
public class EchoResource {
    public record Greeting(String name, int count) {}

    @POST
    @Public
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting echo(Greeting greeting) {
        return greeting;
    }

    @GET
    @Path("secret")
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting secret() {
        return new Greeting("only with a token", 0);
    }

    @GET
    @Public
    @Path("boom")
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting boom() {
        throw new IllegalStateException("internal detail that must not leak");
    }
}
