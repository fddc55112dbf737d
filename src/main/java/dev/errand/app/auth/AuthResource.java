package dev.errand.app.auth;

import dev.errand.app.Fields;
import dev.errand.app.users.Users;
import dev.errand.platform.security.LoginThrottle;
import dev.errand.platform.security.TooManyFailedLogins;
import dev.errand.platform.web.ApiException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;

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
    LoginThrottle throttle;

    @Context
    HttpServletRequest request;

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Tokens.Issued login(InputStream body) {
        Fields fields = Fields.read(body, Set.of("email", "password"));
        String email = fields.string("email", 254, true);
        String password = fields.string("password", 200, false);
        // the same throttle as HTTP Basic; "user:" keeps users apart from accounts of the same name
        String account = "user:" + email.toLowerCase(Locale.ROOT);
        String address = request.getRemoteAddr();
        throttle.refusal(address, account).ifPresent(seconds -> {
            throw new TooManyFailedLogins(seconds);
        });
        var user = users.authenticate(email, password);
        throttle.record(address, account, user.isPresent());
        return tokens.issue(user.orElseThrow(() -> new ApiException(401, "unknown e-mail address or wrong password")).id());
    }

    @POST
    @Path("refresh")
    @Consumes(MediaType.APPLICATION_JSON)
    public Tokens.Issued refresh(InputStream body) {
        String refreshToken = Fields.read(body, Set.of("refreshToken")).string("refreshToken", 200, true);
        return tokens.refresh(refreshToken).orElseThrow(() ->
                new ApiException(401, "the refresh token is unknown, expired or used already; log in again", "refreshToken"));
    }
}
