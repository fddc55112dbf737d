package dev.errand.app.users;

import dev.errand.app.Fields;
import dev.errand.platform.web.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code POST /api/users/register}: anonymous; answers at once, the welcome mail is a job. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    public static final int MIN_PASSWORD = 12;
    /** A mailbox at a domain with a dot: what a person registering types, and what InternetAddress accepts. */
    private static final Pattern PLAIN_ADDRESS = Pattern.compile("[^@\\s\"<>()]+@[^@\\s\"<>()]+\\.[^@\\s\"<>().]+");

    @Inject
    Users users;

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(InputStream body) {
        Fields fields = Fields.read(body, Set.of("email", "password", "name"));
        String email = email(fields.string("email", 254, true));
        String password = fields.string("password", 200, false);
        if (password.length() < MIN_PASSWORD) {
            throw ApiException.unprocessable("password must have at least " + MIN_PASSWORD + " characters", "password");
        }
        String name = fields.string("name", 200, true);
        long id = users.register(email, password, name).orElseThrow(() ->
                new ApiException(409, "a user with this e-mail address is registered already", "email"));
        return Response.status(Response.Status.CREATED).entity(Map.of("id", id)).build();
    }

    static String email(String given) {
        if (PLAIN_ADDRESS.matcher(given).matches()) {
            try {
                new InternetAddress(given, true).validate();
                return given;
            } catch (AddressException e) {
                // refused below
            }
        }
        throw ApiException.unprocessable("email must be an e-mail address such as ada@example.com", "email");
    }
}
