package dev.errand.app.mail;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/**
 * The mails already sent, by dedupe key. A mail handler claims the key first and sends afterwards, in one
 * transaction: a failed send rolls the claim back (the retry sends), a committed claim means the mail went out
 * (a redelivered job finds it and sends nothing). A concurrent claim of the same key waits for the first one's
 * transaction to end, so two deliveries of one job never both send.
 */
@ApplicationScoped
public class SentMail {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    /** True when this transaction claimed the key and must now send; false when the mail was sent already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String dedupeKey, long userId, String kind, long jobId, String recipient) {
        return em.createNativeQuery("INSERT INTO errand.sent_mail (dedupe_key, user_id, kind, job_id, recipient, sent_at) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5, now()) ON CONFLICT (dedupe_key) DO NOTHING")
                .setParameter(1, dedupeKey)
                .setParameter(2, userId)
                .setParameter(3, kind)
                .setParameter(4, jobId)
                .setParameter(5, recipient)
                .executeUpdate() == 1;
    }
}
