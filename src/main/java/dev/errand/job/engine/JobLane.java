package dev.errand.job.engine;

import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * A worker lane: an MDB on {@code errand.jobs} that hands each message to {@link JobMessages}. Each lane is a class
 * of its own ({@link JobWorker}, {@link OtherQueuesWorker}, {@link LaneWorker1}..3) because an MDB's destination,
 * selector and sessions belong to its class (docs/run-control.md, "Worker shares"). Outside JTA, as
 * {@link JobWorker} says why.
 */
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public abstract class JobLane implements MessageListener {

    @Inject
    JobMessages messages;

    @Override
    public void onMessage(Message message) {
        messages.deliver(message);
    }
}
