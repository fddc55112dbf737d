package dev.errand.dashboard;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrossSiteRequestGuardTest {

    @Test
    void anOriginIsTheSameWhenItsHostAndPortAreTheRequestsHost() {
        assertThat(CrossSiteRequestGuard.sameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(CrossSiteRequestGuard.sameOrigin("https://Errand.example", "errand.example")).isTrue();
    }

    @Test
    void anyOtherOriginIsForeign() {
        assertThat(CrossSiteRequestGuard.sameOrigin("http://evil.example", "errand.example")).isFalse();
        assertThat(CrossSiteRequestGuard.sameOrigin("http://errand.example:8081", "errand.example:8080")).isFalse();
        assertThat(CrossSiteRequestGuard.sameOrigin("http://errand.example.evil.example", "errand.example")).isFalse();
        assertThat(CrossSiteRequestGuard.sameOrigin("null", "errand.example")).isFalse();
        assertThat(CrossSiteRequestGuard.sameOrigin("not a url", "errand.example")).isFalse();
        assertThat(CrossSiteRequestGuard.sameOrigin("http://errand.example", null)).isFalse();
    }
}
