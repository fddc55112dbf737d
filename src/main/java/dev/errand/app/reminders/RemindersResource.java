package dev.errand.app.reminders;

import dev.errand.app.mail.ReminderEmail;
import dev.errand.app.users.User;
import dev.errand.app.users.Users;
import dev.errand.job.JobView;
import dev.errand.job.Jobs;
import dev.errand.platform.web.ApiException;
import dev.errand.platform.web.RequestBodies;
import dev.errand.platform.web.Violations;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * {@code POST /api/reminders}: a logged-in user (Bearer access token) asks for a mail later,
 * {@code {"in": "PT24H", "message"}} or {@code {"at": "2030-01-01T08:00:00Z", "message"}}; the answer is the
 * delayed job.
 */
@Path("reminders")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("user")
public class RemindersResource {

    static final Duration LONGEST = Duration.ofDays(366);

    @Inject
    Users users;

    @Inject
    Jobs jobs;

    @Context
    SecurityContext security;

    @Inject
    Validator validator;

    /** The body: {@code in} or {@code at} (parsed here, to answer in the client's terms) and the message. */
    public record Reminder(
            String in,
            String at,
            @NotBlank(message = "message is required (a string)")
            @Size(max = ReminderEmail.MAX_MESSAGE, message = "message must be at most {max} characters") String message) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        Reminder reminder = Violations.check(validator,
                RequestBodies.read(body, RequestBodies.MAX_BODY, Reminder.class));
        Instant now = Instant.now();
        Instant due = due(reminder, now);
        String message = reminder.message().strip();
        User user = users.findByEmail(security.getUserPrincipal().getName())
                .orElseThrow(() -> new ApiException(401, "your account no longer exists"));
        long id = jobs.schedule(ReminderEmail.class, new ReminderEmail.Args(user.id(), message, now), due);
        JobView job = jobs.find(id).orElseThrow();
        return Response.status(Response.Status.CREATED).entity(job).build();
    }

    private static Instant due(Reminder reminder, Instant now) {
        if ((reminder.in() == null) == (reminder.at() == null)) {
            throw ApiException.unprocessable("give either 'in' (an ISO-8601 duration such as PT24H) or 'at' "
                    + "(an instant such as 2030-01-01T08:00:00Z)", reminder.in() != null ? "at" : "in");
        }
        Instant due;
        if (reminder.in() != null) {
            Duration in;
            try {
                in = Duration.parse(reminder.in().strip());
            } catch (DateTimeParseException e) {
                throw ApiException.unprocessable("in must be an ISO-8601 duration such as PT24H", "in");
            }
            if (in.isNegative() || in.isZero() || in.compareTo(LONGEST) > 0) {
                throw ApiException.unprocessable("in must be positive and at most " + LONGEST.toDays() + " days", "in");
            }
            due = now.plus(in);
        } else {
            try {
                due = Instant.parse(reminder.at().strip());
            } catch (DateTimeParseException e) {
                throw ApiException.unprocessable("at must be an instant such as 2030-01-01T08:00:00Z", "at");
            }
            if (!due.isAfter(now) || due.isAfter(now.plus(LONGEST))) {
                throw ApiException.unprocessable("at must be in the future, at most " + LONGEST.toDays()
                        + " days ahead", "at");
            }
        }
        return due;
    }
}
