# syntax=docker/dockerfile:1
# Errand on WildFly 39 (embedded Artemis). Build:  docker build -t errand .
# Run:  docker run -p 8080:8080 -e ERRAND_DB_URL=jdbc:postgresql://HOST:5432/errand \
#         -e ERRAND_DB_USER=errand -e ERRAND_DB_PASSWORD=... -e ERRAND_ADMIN_PASSWORD=... errand
# The server is provisioned and configured by the same `mvn package` (server-config/wildfly/errand.cli)
# that developers and CI use.

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY pom.xml ./
COPY server-config ./server-config
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -ntp -DskipTests package \
 && test -x target/server/bin/standalone.sh \
 && test -f target/server/standalone/deployments/errand.war \
 && rm -rf target/server/standalone/data target/server/standalone/log target/server/standalone/tmp \
           target/server/standalone/configuration/standalone_xml_history

FROM eclipse-temurin:17-jre
RUN groupadd --system errand \
 && useradd --system --gid errand --home-dir /opt/errand --no-create-home errand
COPY --from=build --chown=errand:errand /build/target/server /opt/errand
RUN mkdir -p /opt/errand/standalone/data /opt/errand/standalone/log /opt/errand/standalone/tmp \
 && chown -R errand:errand /opt/errand/standalone

# Defaults; override with -e. ERRAND_DB_USER is Errand's own role, not a superuser: create it as docs/security.md
# ("Database role") says. ERRAND_DB_PASSWORD has no default here: set it, or leave it unset for trust
# authentication (an empty value is rejected by WildFly). ERRAND_ADMIN_PASSWORD unset: generated at first
# start and printed once in the log.
ENV ERRAND_DB_URL=jdbc:postgresql://postgres:5432/errand \
    ERRAND_DB_USER=errand \
    ERRAND_BIND_ADDRESS=0.0.0.0 \
    ERRAND_REDELIVERY_DELAY_MS=1000 \
    ERRAND_MAX_DELIVERY_ATTEMPTS=5 \
    JBOSS_JAVA_SIZING="-XX:InitialRAMPercentage=25 -XX:MaxRAMPercentage=75" \
    LAUNCH_JBOSS_IN_BACKGROUND=1

USER errand
WORKDIR /opt/errand
# broker journal, transaction log: keep them across container restarts
VOLUME ["/opt/errand/standalone/data"]
EXPOSE 8080
ENTRYPOINT ["/opt/errand/bin/standalone.sh", "-c", "standalone-full.xml"]
CMD ["-b", "0.0.0.0"]
