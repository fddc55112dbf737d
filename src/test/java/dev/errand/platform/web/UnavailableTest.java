package dev.errand.platform.web;

import jakarta.ejb.EJBException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.resource.ResourceException;
import jakarta.transaction.RollbackException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnavailableTest {

    @Test
    void aBrokerThatCannotBeReachedIsFoundUnderTheServersWrapping() {
        JMSRuntimeException down = new JMSRuntimeException("Failed to create session factory");
        assertThat(Unavailable.causeOf(down)).contains(down);
        assertThat(Unavailable.causeOf(new EJBException(new IllegalStateException(down)))).contains(down);

        JMSException checked = new JMSException("Could not create a session");
        checked.initCause(new ResourceException("IJ000453"));
        assertThat(Unavailable.causeOf(new IllegalStateException(checked))).contains(checked);
        RollbackException rolledBack = new RollbackException("ARJUNA016053: Could not commit transaction.");
        assertThat(Unavailable.causeOf(new IllegalStateException(rolledBack))).contains(rolledBack);
    }

    @Test
    void errandsOwnFaultsStayIncidents() {
        assertThat(Unavailable.causeOf(new NullPointerException())).isEmpty();
        assertThat(Unavailable.causeOf(new IllegalStateException(new IllegalArgumentException("bad")))).isEmpty();
    }

    @Test
    void aCauseChainWithACycleEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.initCause(second);
        assertThat(Unavailable.causeOf(first)).isEmpty();
    }
}
