package dev.errand.job.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SubmitterRolesTest {

    @Test
    void anEmptySetAdmitsEveryoneAndTheAdminIsAlwaysAdmitted() {
        assertThat(SubmitterRoles.ANYONE.admits(Set.of("submitter")::contains)).isTrue();
        assertThat(SubmitterRoles.of("admin").admits(Set.of("submitter")::contains)).isFalse();
        assertThat(SubmitterRoles.of("reporter").admits(Set.of("admin")::contains)).isTrue();
        assertThat(SubmitterRoles.of("admin", "submitter").admits(Set.of("submitter")::contains)).isTrue();
    }

    @Test
    void theSettingOverridesPerType() {
        var parsed = SubmitterRoles.parse(" errand.sleep = admin, submitter ; report.nightly=admin;");

        assertThat(parsed.get("errand.sleep").roles()).containsExactlyInAnyOrder("admin", "submitter");
        assertThat(parsed.get("report.nightly").roles()).containsExactly("admin");
        assertThat(SubmitterRoles.parse("")).isEmpty();
    }

    @Test
    void aMalformedSettingStopsTheStart() {
        assertThatThrownBy(() -> SubmitterRoles.parse("errand.sleep")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SubmitterRoles.parse("errand.sleep=")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SubmitterRoles.parse("=admin")).isInstanceOf(IllegalStateException.class);
    }
}
