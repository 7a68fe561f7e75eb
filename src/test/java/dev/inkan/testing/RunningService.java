package dev.inkan.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.config.PublicEndpoints;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real service on random ports over a fresh data directory, shared by every test class that
 * extends this one (one Spring context for all of them: same configuration, cached). Tests drive it
 * over HTTPS with {@link #api()}, trusting its default CA as {@code curl --cacert ca.pem} does, and
 * the plain-HTTP bootstrap port with {@link #plain()}. The login throttle is set out of reach here
 * (tests send wrong tokens on purpose); {@code AuthenticationThrottleTests} runs with the defaults.
 *
 * <p>With {@code -Dinkan.test.database=postgresql} (the pom's {@code postgresql} surefire execution) the
 * service runs on a fresh database of the test's own PostgreSQL ({@link PostgresServer}) instead of H2.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkan.admin-token=" + RunningService.TOKEN, "inkan.default-ca-name=Inkan Test Root CA",
            "logging.level.dev.inkan=WARN", "inkan.transport.http-port=0", "inkan.login-throttle.per-address=1000000",
            "inkan.login-throttle.overall=1000000"})
public abstract class RunningService {

    public static final String TOKEN = "test-admin-token-0123456789";

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcClient jdbc;

    /** The system property that selects the database: {@code h2} (default) or {@code postgresql}. */
    public static final String DATABASE_PROPERTY = "inkan.test.database";
    private static String postgresUrl;

    @Autowired
    protected PublicEndpoints endpoints;

    /** The service's default CA, which every test HTTPS client trusts from here on. */
    protected X509Certificate serviceCa;

    @Autowired
    void trustTheServiceCa(CertificateAuthorityService authorities) {
        serviceCa = TrustedCas.add(authorities.defaultAuthority().certificatePem());
    }

    private static boolean ownDataDirectoryRegistered;

    /**
     * For a subclass whose properties make a Spring context of its own: a data directory of its own (one
     * process per data directory: the lock), and on PostgreSQL a database of its own. Call it from the subclass's
     * {@code @DynamicPropertySource};
     * Spring runs the subclass's method before this class's, which then leaves the shared one out.
     */
    protected static synchronized void ownDataDirectory(DynamicPropertyRegistry registry) {
        try {
            String dir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "service-data-").toString();
            registry.add("inkan.data-dir", () -> dir);
            if (onPostgresql()) { // the CA keys are sealed per data directory: a database of its own too
                String database = PostgresServer.shared().createDatabase();
                registry.add("inkan.database.url", () -> database);
                registry.add("inkan.database.username", () -> PostgresServer.USER);
            }
            ownDataDirectoryRegistered = true;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @DynamicPropertySource
    static synchronized void dataDirectory(DynamicPropertyRegistry registry) {
        if (ownDataDirectoryRegistered) {
            ownDataDirectoryRegistered = false;
            return;
        }
        registry.add("inkan.data-dir", RunningService::dataDir);
        if (onPostgresql()) {
            registry.add("inkan.database.url", RunningService::postgresUrl);
            registry.add("inkan.database.username", () -> PostgresServer.USER);
        }
    }

    /** True in the PostgreSQL run of the API tests. */
    public static boolean onPostgresql() {
        return "postgresql".equals(System.getProperty(DATABASE_PROPERTY));
    }

    static synchronized String postgresUrl() {
        if (postgresUrl == null) {
            postgresUrl = PostgresServer.shared().createDatabase();
        }
        return postgresUrl;
    }

    static String dataDir() {
        return Tools.sharedDirectory("service-data-").toString();
    }

    protected ApiClient api() {
        return new ApiClient(port, TOKEN);
    }

    protected ApiClient anonymous() {
        return new ApiClient(port, null);
    }

    /** Plain HTTP, without a token: what works before the CA is trusted. */
    protected ApiClient plain() {
        return ApiClient.plain(endpoints.httpPort(), null);
    }

    protected long certificateCount() {
        return jdbc.sql("SELECT COUNT(*) FROM certificate").query(Long.class).single();
    }

    /** Counts of every table a refused request must leave alone. */
    protected String databaseState() {
        return jdbc.sql("SELECT (SELECT COUNT(*) FROM certificate) || '/' || (SELECT COUNT(*) FROM certificate_authority) || '/'"
                + " || (SELECT COUNT(*) FROM audit_event WHERE action <> 'authentication.failed') || '/' || (SELECT COUNT(*) FROM certificate WHERE revoked) || '/'"
                + " || (SELECT COUNT(*) FROM certificate WHERE key_sealed IS NULL)").query(String.class).single();
    }
}
