package dev.inkan.acme;

import dev.inkan.testing.RunningService;
import dev.inkan.testing.TrustedCas;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real service ({@link RunningService}) with its ACME validator pointed at {@link AcmeTestNetwork}, on its own
 * data directory (and, in the PostgreSQL run, its own database); one Spring context shared by every ACME test class.
 * The base URL comes from the harness, so the tests follow the service when it moves to HTTPS.
 */
abstract class AcmeServiceTest extends RunningService {

    @DynamicPropertySource
    static void acmeNetwork(DynamicPropertyRegistry registry) {
        AcmeTestNetwork.start();
        RunningService.ownDataDirectory(registry);
        for (String property : AcmeTestNetwork.properties()) {
            int equals = property.indexOf('=');
            registry.add(property.substring(0, equals), () -> property.substring(equals + 1));
        }
    }

    /** The service is HTTPS-only for ACME: every client here (acme4j included, through the JVM default) trusts its CA. */
    @BeforeEach
    void trustTheServiceCaByDefault() throws Exception {
        SSLContext.setDefault(TrustedCas.sslContext());
    }

    /** The default CA's directory URL. */
    protected String directoryUrl() {
        return api().base() + "/acme/directory";
    }
}
