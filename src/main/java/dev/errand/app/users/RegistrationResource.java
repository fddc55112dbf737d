package dev.errand.app.users;

import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import dev.errand.platform.web.Violations;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;

/** {@code POST /api/users/register}: anonymous; answers at once, the welcome mail is a job. */
@Path("users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class RegistrationResource {

    public static final int MIN_PASSWORD = 12;
    /** Name and address reach mail headers (the welcome mail's To): a CR or LF there could add headers. */
    static final String NO_CONTROLS = "[^\\p{Cc}]*";
    /** A mailbox at a domain with a dot: what a person registering types, and what InternetAddress accepts. */
    private static final java.util.regex.Pattern PLAIN_ADDRESS = java.util.regex.Pattern.compile("[^@\\s\"<>()]+@[^@\\s\"<>()]+\\.[^@\\s\"<>().]+");

    @Inject
    Users users;

    @Inject
    Validator validator;

    /** The body; e-mail address and name lose surrounding white space, the password is taken as typed. */
    public record Registration(
            @NotBlank(message = "email is required (a string)")
            @Size(max = 254, message = "email must be at most {max} characters")
            @Pattern(regexp = NO_CONTROLS, message = "email must not contain control characters") String email,
            @NotEmpty(message = "password is required (a string)")
            @Size(min = MIN_PASSWORD, message = "password must have at least {min} characters")
            @Size(max = 200, message = "password must be at most {max} characters") String password,
            @NotBlank(message = "name is required (a string)")
            @Size(max = 200, message = "name must be at most {max} characters")
            @Pattern(regexp = NO_CONTROLS, message = "name must not contain control characters") String name) {
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response register(InputStream body) {
        Registration registration = Violations.check(validator,
                RequestBodies.read(body, RequestBodies.MAX_BODY, Registration.class));
        String email = email(registration.email().strip());
        String name = registration.name().strip();
        long id = users.register(email, registration.password(), name).orElseThrow(() ->
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
