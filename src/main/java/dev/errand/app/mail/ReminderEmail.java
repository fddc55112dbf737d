package dev.errand.app.mail;

import dev.errand.app.users.User;
import dev.errand.app.users.Users;
import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import dev.errand.job.PermanentJobFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.logging.Logger;

/**
 * {@code email.reminder}: a user's reminder, due when the job was scheduled; once per job. Submitted over REST by
 * admins only: a submitter could otherwise mail any user a text of their choosing.
 */
@ApplicationScoped
@JobType(value = "email.reminder", submitters = "admin")
public class ReminderEmail implements JobHandler<ReminderEmail.Args> {

    public static final int MAX_MESSAGE = 2000;
    private static final Logger LOG = Logger.getLogger(ReminderEmail.class.getName());

    public record Args(@NotNull Long userId, @NotNull @Size(min = 1, max = MAX_MESSAGE) String message,
                       Instant requestedAt) {
    }

    @Inject
    Users users;

    @Inject
    SentMail sentMail;

    @Inject
    Mailer mailer;

    @Override
    public void run(Args args, JobContext context) throws Exception {
        User user = users.find(args.userId())
                .orElseThrow(() -> new PermanentJobFailure("no user " + args.userId() + " (deleted?)"));
        String key = "reminder:" + user.id() + ":" + context.jobId();
        if (!sentMail.claim(key, user.id(), "reminder", context.jobId(), user.email())) {
            LOG.info(() -> "Reminder of job " + context.jobId() + " was sent already");
            return;
        }
        Instant requested = args.requestedAt() != null ? args.requestedAt() : Instant.now();
        mailer.send(user.email(), user.name(), MailTemplates.reminder(user, args.message(), requested),
                "reminder-" + user.id() + "-" + context.jobId());
    }
}
