package dev.errand.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Migrates Errand's schema ({@code errand}) at deployment, before any job runs. */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Schema {

    private static final Logger LOG = Logger.getLogger(Schema.class.getName());

    /** Errand's database: a reference of the application, mapped per server like the messaging resources. */
    public static final String DATASOURCE = "java:app/errand/jdbc/ErrandDS";

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @Inject
    SchemaReadiness readiness;

    @PostConstruct
    void migrate() {
        var result = Flyway.configure(Schema.class.getClassLoader())
                .dataSource(dataSource)
                .schemas("errand")
                .locations("classpath:db/migration")
                .load()
                .migrate();
        LOG.info(() -> "Errand schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
        readiness.markReady();
    }
}
