package dev.errand.app.mail;

import dev.errand.app.users.User;
import dev.errand.app.users.UserRegistered;
import dev.errand.app.users.Users;
import dev.errand.job.JobContext;
import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import dev.errand.job.Jobs;
import dev.errand.job.PermanentJobFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import java.util.logging.Logger;

/** {@code email.welcome}: the mail a new user gets, exactly once however often the job runs. */
@ApplicationScoped
@JobType(value = "email.welcome", submitters = "admin")
public class WelcomeEmail implements JobHandler<WelcomeEmail.Args> {

    private static final Logger LOG = Logger.getLogger(WelcomeEmail.class.getName());

    public record Args(@NotNull Long userId) {
    }

    @Inject
    Users users;

    @Inject
    SentMail sentMail;

    @Inject
    Mailer mailer;

    @Inject
    Jobs jobs;

    /** In the registration's transaction: the user and their welcome mail's job, both or neither. */
    void enqueueFor(@Observes UserRegistered registered) {
        jobs.enqueue(WelcomeEmail.class, new Args(registered.userId()));
    }

    @Override
    public void run(Args args, JobContext context) throws Exception {
        User user = users.find(args.userId())
                .orElseThrow(() -> new PermanentJobFailure("no user " + args.userId() + " (deleted?)"));
        String key = "welcome:" + user.id();
        if (!sentMail.claim(key, user.id(), "welcome", context.jobId(), user.email())) {
            LOG.info(() -> "Welcome mail for user " + user.id() + " was sent already; job " + context.jobId() + " sends none");
            return;
        }
        mailer.send(user.email(), user.name(), MailTemplates.welcome(user), "welcome-" + user.id());
    }
}
