package dev.errand.job.engine;

import dev.errand.job.JobHandler;
import dev.errand.job.JobType;
import dev.errand.job.NewJob;
import dev.errand.platform.Config;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/** Finds every {@link JobHandler} bean once, at start-up, and answers "which handler runs type X". */
@ApplicationScoped
public class HandlerRegistry {

    private static final Logger LOG = Logger.getLogger(HandlerRegistry.class.getName());

    /**
     * How a stored type name is run: the handler bean's class, the class its JSON args bind to, its attempts'
     * timeout ({@code @JobType(timeout)}, null: none) and the timeout of a run's transaction in seconds (0: the
     * server's default); {@code mutex} the args member whose value is a job's mutex key (null: none).
     */
    public record Registration(String type, Class<?> beanClass, Type argsType, int maxAttempts,
                               SubmitterRoles submitters, Duration timeout, int transactionTimeout, int priority,
                               String mutex) {
    }

    @Inject
    BeanManager beanManager;

    @Inject
    @Any
    Instance<JobHandler<?>> handlers;

    private Map<String, Registration> byType = Map.of();

    @PostConstruct
    void discover() {
        int defaultAttempts = Config.getInt("MAX_ATTEMPTS", 10);
        Map<String, SubmitterRoles> overrides = SubmitterRoles.parse(Config.get("JOB_TYPE_SUBMITTERS", ""));
        Map<String, Registration> found = new TreeMap<>();
        // A wildcard: a raw JobHandler would not match beans typed JobHandler<SomeArgs> (CDI assignability rules).
        for (Bean<?> bean : beanManager.getBeans(new TypeLiteral<JobHandler<?>>() { }.getType(), Any.Literal.INSTANCE)) {
            Class<?> beanClass = bean.getBeanClass();
            JobType jobType = beanClass.getAnnotation(JobType.class);
            if (jobType == null) {
                LOG.warning(() -> beanClass.getName() + " implements JobHandler without @JobType: it is never run");
                continue;
            }
            int attempts = jobType.maxAttempts() > 0 ? jobType.maxAttempts() : defaultAttempts;
            SubmitterRoles submitters = overrides.getOrDefault(jobType.value(), SubmitterRoles.of(jobType.submitters()));
            Type argsType = argsTypeOf(beanClass);
            Registration previous = found.put(jobType.value(),
                    new Registration(jobType.value(), beanClass, argsType, attempts, submitters,
                            timeoutOf(jobType), Math.max(0, jobType.transactionTimeout()), priorityOf(jobType),
                            MutexKeys.memberOf(jobType, argsType)));
            if (previous != null) {
                throw new IllegalStateException("Job type '" + jobType.value() + "' is claimed by both "
                        + previous.beanClass().getName() + " and " + beanClass.getName());
            }
        }
        overrides.keySet().stream().filter(type -> !found.containsKey(type)).forEach(type ->
                LOG.warning(() -> "ERRAND_JOB_TYPE_SUBMITTERS names '" + type + "', which is no job type"));
        byType = Collections.unmodifiableMap(found);
        LOG.info(() -> "Errand job types: " + byType.keySet());
    }

    /** A deployment with a priority out of range fails, like one with a bad timeout: better than a silent clamp. */
    static int priorityOf(JobType jobType) {
        int priority = jobType.priority();
        if (priority < NewJob.MIN_PRIORITY || priority > NewJob.MAX_PRIORITY) {
            throw new IllegalStateException("@JobType(\"" + jobType.value() + "\") has priority " + priority
                    + "; it must be between " + NewJob.MIN_PRIORITY + " and " + NewJob.MAX_PRIORITY);
        }
        return priority;
    }

    public Optional<Registration> find(String type) {
        return Optional.ofNullable(byType.get(type));
    }

    public Map<String, Registration> all() {
        return byType;
    }

    /** Resolves the handler bean; the caller destroys the handle after the run (dependent beans). */
    @SuppressWarnings("unchecked")
    public Instance.Handle<JobHandler<Object>> handle(Registration registration) {
        return ((Instance<JobHandler<Object>>) (Instance<?>) handlers.select(
                (Class<JobHandler<?>>) registration.beanClass())).getHandle();
    }

    public static String typeName(Class<?> handlerClass) {
        JobType jobType = handlerClass.getAnnotation(JobType.class);
        if (jobType == null) {
            throw new IllegalArgumentException(handlerClass.getName() + " has no @JobType");
        }
        return jobType.value();
    }

    /** {@code @JobType(timeout)}: a mistake there fails the deployment rather than the jobs. */
    static Duration timeoutOf(JobType jobType) {
        String text = jobType.timeout().trim();
        if (text.isEmpty()) {
            return null;
        }
        Duration timeout = Timeouts.parse(text);
        if (timeout == null || !Timeouts.inRange(timeout)) {
            throw new IllegalStateException("@JobType(\"" + jobType.value() + "\") timeout '" + text + "' is not "
                    + Timeouts.RULE);
        }
        return timeout;
    }

    private static Type argsTypeOf(Class<?> beanClass) {
        for (Class<?> c = beanClass; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == JobHandler.class) {
                    return p.getActualTypeArguments()[0];
                }
            }
        }
        throw new IllegalStateException(beanClass.getName() + " must implement JobHandler<A> with a concrete A");
    }
}
