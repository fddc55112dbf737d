package dev.errand.app.auth;

import dev.errand.app.users.Users;
import dev.errand.platform.security.LoginThrottle;
import dev.errand.platform.security.TooManyFailedLogins;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import dev.errand.platform.web.Violations;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Locale;

/** {@code /api/auth}: anonymous; trades a password, or a refresh token, for a new pair of tokens. */
@Path("auth")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    Users users;

    @Inject
    Tokens tokens;

    @Inject
    Validator validator;

    @Inject
    LoginThrottle throttle;

    @Context
    HttpServletRequest request;

    public record Login(
            @NotBlank(message = "email is required (a string)")
            @Size(max = 254, message = "email must be at most {max} characters") String email,
            @NotEmpty(message = "password is required (a string)")
            @Size(max = 200, message = "password must be at most {max} characters") String password) {
    }

    public record Refresh(
            @NotBlank(message = "refreshToken is required (a string)")
            @Size(max = 200, message = "refreshToken must be at most {max} characters") String refreshToken) {
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Tokens.Issued login(InputStream body) {
        Login login = Violations.check(validator, RequestBodies.read(body, RequestBodies.MAX_BODY, Login.class));
        String email = login.email().strip();
        // the same throttle as HTTP Basic; "user:" keeps users apart from accounts of the same name
        String account = "user:" + email.toLowerCase(Locale.ROOT);
        String address = request.getRemoteAddr();
        throttle.refusal(address, account).ifPresent(seconds -> {
            throw new TooManyFailedLogins(seconds);
        });
        var user = users.authenticate(email, login.password());
        throttle.record(address, account, user.isPresent());
        return tokens.issue(user.orElseThrow(() -> new ApiException(401, "unknown e-mail address or wrong password")).id());
    }

    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    public Tokens.Issued refresh(InputStream body) {
        Refresh refresh = Violations.check(validator, RequestBodies.read(body, RequestBodies.MAX_BODY, Refresh.class));
        return tokens.refresh(refresh.refreshToken().strip()).orElseThrow(() ->
                new ApiException(401, "the refresh token is unknown, expired or used already; log in again", "refreshToken"));
    }
}
