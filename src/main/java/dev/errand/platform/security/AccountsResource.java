package dev.errand.platform.security;

import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code /api/accounts}: administrators create viewers, operators and API clients ({@code submitter}) here. */
@Path("accounts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class AccountsResource {

    @Inject
    Accounts accounts;

    @GET
    public List<Map<String, Object>> list() {
        return accounts.all().stream().map(a -> Map.<String, Object>of("username", a.username(),
                "roles", a.roles(), "createdAt", a.createdAt().toInstant())).toList();
    }

    /** Body {@code {"password": "...", "roles": ["submitter"]}}; creates or replaces. */
    @PUT
    @Path("{username}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response save(@PathParam("username") String username, InputStream body) {
        if (!username.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw ApiException.unprocessable("username must be 1-100 letters, digits, '.', '_', '@' or '-'", "username");
        }
        if (!(RequestBodies.readJson(body, RequestBodies.MAX_BODY) instanceof JsonObject json)) {
            throw ApiException.unprocessable("the body must be a JSON object", "body");
        }
        if (!(json.get("password") instanceof JsonString password) || password.getString().length() < 12
                || password.getString().length() > 200) {
            throw ApiException.unprocessable("password must be a string of 12 to 200 characters", "password");
        }
        Set<String> roles = new TreeSet<>();
        JsonValue given = json.get("roles");
        if (given == null || given.getValueType() != JsonValue.ValueType.ARRAY || given.asJsonArray().isEmpty()) {
            throw ApiException.unprocessable("roles must be a non-empty array of " + Accounts.ROLES, "roles");
        }
        for (JsonValue role : given.asJsonArray()) {
            if (!(role instanceof JsonString name) || !Accounts.ROLES.contains(name.getString())) {
                throw ApiException.unprocessable("roles must be a non-empty array of " + Accounts.ROLES, "roles");
            }
            roles.add(name.getString());
        }
        boolean existed = accounts.find(username).isPresent();
        accounts.save(username, password.getString(), roles);
        Map<String, Object> view = Map.of("username", username, "roles", roles);
        return existed ? Response.ok(view).build() : Response.status(Response.Status.CREATED).entity(view).build();
    }

    @DELETE
    @Path("{username}")
    public Response delete(@PathParam("username") String username) {
        accounts.delete(username);
        return Response.noContent().build();
    }
}
