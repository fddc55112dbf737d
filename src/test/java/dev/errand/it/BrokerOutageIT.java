package dev.errand.it;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The standalone broker is killed (kill -9) while clients submit jobs, single and in batches, and is started again
 * a few seconds later. A single job is still accepted while the broker is away: it is stored, and the doorbell sends
 * its message once the broker is back (docs/DESIGN.md §4). A batch, whose message goes with its transaction, is
 * refused (503, Retry-After) and the client retries it, as the API asks. No submission gets a 500; every accepted
 * job succeeds, exactly once; a refused submission stored nothing.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class BrokerOutageIT {

    private static final String SERVER = "errand-restart";
    private static final int BEFORE = 200;
    private static final int AFTER = 200;

    @ArquillianResource
    ContainerController container;

    @Test
    void aBrokerKilledUnderLoadLosesNoAcceptedJob() throws Exception {
        // A message lost between the database's commit and the broker's is sent again by recovery (every 30 s) after
        // this grace, 5 minutes in production. Passed at each start: the arguments stay with the container.
        container.start(SERVER, Map.of("jbossArguments", "-Derrand.recovery.grace=PT10S"));
        SubmissionLoad load = SubmissionLoad.start("outage", List.of(Api.admin()));
        long whileDown;
        try {
            await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedJobs() >= BEFORE);
            Broker.kill();
            // a batch refused, and a single job sent after that refusal accepted, while the broker is still down
            await().atMost(Duration.ofSeconds(30)).until(() -> !load.refused.isEmpty() && acceptedSinceRefused(load) > 0);
            whileDown = acceptedSinceRefused(load);
            Broker.start();
            int restarted = load.acceptedJobs();
            await().atMost(Duration.ofMinutes(1)).until(() -> load.acceptedJobs() >= restarted + AFTER);
        } finally {
            load.stopAndJoin();
        }

        assertThat(load.refused).as("refused submissions").isNotEmpty();
        assertThat(load.refused).as("refused single submissions").doesNotContainAnyElementsOf(load.singles);
        int accepted = load.assertEveryAcceptedJobSucceededOnce();
        System.out.printf("%d jobs accepted in %d submissions (%d single jobs while the broker was down), %d submissions"
                + " refused with 503; %d jobs' messages sent again%n", accepted, load.accepted.size(), whileDown,
                load.refused.size(), load.resent());
        container.stop(SERVER);
    }

    /** Single jobs sent after the first 503 was answered, and accepted. */
    private static long acceptedSinceRefused(SubmissionLoad load) {
        long refusedAt = load.firstRefusedAt;
        return refusedAt == 0 ? 0 : load.acceptedAt.keySet().stream()
                .filter(q -> load.singles.contains(q) && load.sentAt.get(q) > refusedAt).count();
    }
}
