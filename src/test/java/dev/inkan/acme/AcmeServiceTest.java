package dev.inkan.acme;

import dev.inkan.testing.ApiClient;
import dev.inkan.testing.PostgresServer;
import dev.inkan.testing.RunningService;
import dev.inkan.testing.Tools;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real service with its ACME validator pointed at {@link AcmeTestNetwork}, on its own data directory; one
 * Spring context shared by every ACME test class. The base URL comes from here, so the tests follow the service
 * when it moves to HTTPS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkan.admin-token=" + AcmeServiceTest.TOKEN, "inkan.default-ca-name=Inkan ACME Test Root CA",
            "logging.level.dev.inkan=WARN", "inkan.transport.http-port=0"})
abstract class AcmeServiceTest {

    static final String TOKEN = "acme-test-admin-token-0123456789";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** The service is HTTPS-only for ACME: every client here (acme4j included, through the JVM default) trusts its CA. */
    @Autowired
    void trustTheServiceCa(dev.inkan.authority.CertificateAuthorityService authorities) throws Exception {
        dev.inkan.testing.TrustedCas.add(authorities.defaultAuthority().certificatePem());
        javax.net.ssl.SSLContext.setDefault(dev.inkan.testing.TrustedCas.sslContext());
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        AcmeTestNetwork.start();
        registry.add("inkan.data-dir", AcmeServiceTest::dataDir);
        if (RunningService.onPostgresql()) { // the pom's "postgresql" execution: the same classes on PostgreSQL 15
            String database = PostgresServer.shared().createDatabase(); // its own: the default CA's key is sealed per data directory
            registry.add("inkan.database.url", () -> database);
            registry.add("inkan.database.username", () -> PostgresServer.USER);
        }
        for (String property : AcmeTestNetwork.properties()) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    static String dataDir() {
        return Tools.sharedDirectory("acme-data-").toString();
    }

    protected ApiClient api() {
        return new ApiClient(port, TOKEN);
    }

    /** The default CA's directory URL. */
    protected String directoryUrl() {
        return api().base() + "/acme/directory";
    }
}
