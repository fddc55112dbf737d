package dev.errand.job.web;

import dev.errand.job.NewJob;
import dev.errand.job.engine.HandlerRegistry;
import dev.errand.platform.web.ApiException;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;

/** A type's {@code submitters} decide who may submit it; one refused job refuses the whole request. */
final class SubmitPermissions {

    private SubmitPermissions() {
    }

    static void require(HandlerRegistry registry, SecurityContext security, List<NewJob> jobs) {
        for (int i = 0; i < jobs.size(); i++) {
            String type = jobs.get(i).type();
            boolean refused = registry.find(type).map(r -> !r.submitters().admits(security::isUserInRole)).orElse(false);
            if (refused) {
                throw new ApiException(403, "you may not submit jobs of type '" + type + "'",
                        (jobs.size() > 1 ? "[" + i + "]." : "") + "type");
            }
        }
    }
}
