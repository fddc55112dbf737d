package dev.errand.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.NodeList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secrets out of sight (issue 14, point 4), on whichever server serves the tests: its command line (what `ps` shows
 * every local user) and its configuration file hold no password of Errand's resources, only references to one
 * (WildFly: ${env.X}; Payara: ${ALIAS=name}, the password store).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SecretsIT {

    /** Errand's database pool, broker resource adapter and connection pools on either server. */
    private static final String ERRAND_RESOURCES = "//*[contains(@pool-name,'Errand') or contains(@name,'Errand')"
            + " or starts-with(@name,'errand-remote') or @name='artemis-ra' or @resource-adapter-name='artemis-ra']";
    private static final String THEIR_PASSWORDS = "descendant-or-self::*/@password"
            + " | descendant-or-self::property[@name='password' or @name='Password']/@value";

    @Test
    void theServersCommandLineHoldsNoPassword() {
        String commandLine = ServerProcess.servingHttp().commandLine();

        assertThat(commandLine).doesNotContain(Api.ADMIN_PASSWORD).doesNotContainPattern("(?i)password=(?!\\$\\{)");
    }

    /**
     * The server's database sessions (pg_stat_activity of the test database, seen through the tests' own
     * administrator connection) all use Errand's own role, which is no superuser and owns the schema errand.
     */
    @Test
    void itsDatabaseSessionsUseARoleOfTheirOwnThatIsNoSuperuser() {
        Api admin = Api.admin();
        admin.awaitState(admin.enqueue("{\"type\":\"errand.noop\"}"), "SUCCEEDED"); // the pool's connections in use

        String roles = Database.text("SELECT string_agg(DISTINCT a.usename || ' superuser=' || r.rolsuper, ', ')"
                + " FROM pg_stat_activity a JOIN pg_roles r ON r.oid = a.usesysid WHERE a.datname = current_database()"
                + " AND a.pid <> pg_backend_pid() AND a.backend_type = 'client backend'");
        String schemaOwner = Database.text("SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'errand'");

        assertThat(roles).as("the server's sessions").isEqualTo("errand superuser=false");
        assertThat(schemaOwner).isEqualTo("errand");
    }

    @Test
    void itsConfigurationRefersToPasswordsInsteadOfHoldingThem() throws Exception {
        Path configuration = configurationFile(ServerProcess.servingHttp());
        var document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(configuration.toFile());
        var xpath = XPathFactory.newInstance().newXPath();
        NodeList resources = (NodeList) xpath.evaluate(ERRAND_RESOURCES, document, XPathConstants.NODESET);
        List<String> passwords = new ArrayList<>();
        for (int i = 0; i < resources.getLength(); i++) {
            NodeList found = (NodeList) xpath.evaluate(THEIR_PASSWORDS, resources.item(i), XPathConstants.NODESET);
            for (int j = 0; j < found.getLength(); j++) {
                passwords.add(found.item(j).getNodeValue());
            }
        }

        assertThat(passwords).as("the passwords of Errand's resources in " + configuration).isNotEmpty()
                .allSatisfy(password -> assertThat(password).startsWith("${"));
        System.out.println("SecretsIT: " + configuration + " refers to " + passwords.stream().distinct().toList());
    }

    /** WildFly: standalone-full.xml of its base directory; Payara: domain.xml, in its working directory. */
    private static Path configurationFile(ServerProcess server) throws IOException {
        Matcher baseDir = Pattern.compile("-Djboss\\.server\\.base\\.dir=(\\S+)").matcher(server.commandLine());
        Path file = baseDir.find()
                ? server.inWorkingDirectory(baseDir.group(1)).resolve("configuration/standalone-full.xml")
                : server.inWorkingDirectory("domain.xml");
        assertThat(file).as("the server's configuration").exists();
        return file.toRealPath();
    }
}
