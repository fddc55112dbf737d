package dev.errand.app.reports;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The stored reports, one per day: storing a day again replaces it. */
@ApplicationScoped
public class Reports {

    @PersistenceContext(unitName = "errand")
    EntityManager em;

    @Transactional(Transactional.TxType.MANDATORY)
    public void store(LocalDate date, String zone, JsonObject content) {
        em.createNativeQuery("INSERT INTO errand.report (report_date, zone, content, generated_at) "
                        + "VALUES (CAST(?1 AS date), ?2, CAST(?3 AS json), now()) "
                        + "ON CONFLICT (report_date) DO UPDATE SET zone = EXCLUDED.zone, content = EXCLUDED.content, "
                        + "generated_at = EXCLUDED.generated_at")
                .setParameter(1, date.toString())
                .setParameter(2, zone)
                .setParameter(3, content.toString())
                .executeUpdate();
    }

    public Optional<JsonObject> find(LocalDate date) {
        List<?> rows = em.createNativeQuery("SELECT content::text FROM errand.report WHERE report_date = CAST(?1 AS date)")
                .setParameter(1, date.toString())
                .getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(parse((String) rows.get(0)));
    }

    /** The newest {@code limit} reports, newest first. */
    public List<JsonObject> latest(int limit) {
        return em.createNativeQuery("SELECT content::text FROM errand.report ORDER BY report_date DESC LIMIT ?1")
                .setParameter(1, limit)
                .getResultList().stream().map(text -> parse((String) text)).toList();
    }

    private static JsonObject parse(String json) {
        try (var reader = Json.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
