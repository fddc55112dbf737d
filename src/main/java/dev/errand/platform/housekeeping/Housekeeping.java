package dev.errand.platform.housekeeping;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.NoSuchObjectLocalException;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.Timer;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Runs every {@link HousekeepingTask} bean on a non-persistent interval timer of this server (each server runs
 * its own). Iterations of one task never overlap; tasks run independently, so a slow retention purge never
 * delays the heartbeat. No transaction here: each task opens its own.
 */
@Singleton
@Startup
@DependsOn("Schema")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class.getName());

    @Resource
    TimerService timerService;

    @Inject
    @Any
    Instance<HousekeepingTask> discovered;

    private final Map<String, HousekeepingTask> tasks = new LinkedHashMap<>();
    private final Map<String, Boolean> running = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        for (HousekeepingTask task : discovered) {
            if (tasks.putIfAbsent(task.name(), task) != null) {
                throw new IllegalStateException("two housekeeping tasks are named '" + task.name() + "'");
            }
        }
        for (HousekeepingTask task : tasks.values()) {
            if (task.runsAtStart()) {
                HousekeepingRunner.runOnce(task);
            }
            long every = Math.max(1, task.interval().toMillis());
            timerService.createIntervalTimer(every, every, new TimerConfig(task.name(), false));
        }
        LOG.info(() -> "Housekeeping: " + tasks.values().stream().map(t -> t.name() + " every " + t.interval()).toList());
    }

    @Timeout
    void iterate(Timer timer) {
        String name;
        try {
            name = (String) timer.getInfo();
        } catch (NoSuchObjectLocalException e) {
            return;
        }
        HousekeepingTask task = tasks.get(name);
        if (task == null || running.putIfAbsent(name, Boolean.TRUE) != null) {
            return; // the previous iteration still runs
        }
        try {
            HousekeepingRunner.runOnce(task);
        } finally {
            running.remove(name);
        }
    }

    @PreDestroy
    void stop() {
        for (HousekeepingTask task : tasks.values()) {
            try {
                task.stop();
            } catch (RuntimeException e) {
                LOG.warning(() -> "Housekeeping '" + task.name() + "' did not stop cleanly: " + e);
            }
        }
    }
}
