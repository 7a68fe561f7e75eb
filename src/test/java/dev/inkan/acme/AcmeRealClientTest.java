package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.inkan.engine.Pem;
import dev.inkan.testing.ApiClient;
import dev.inkan.testing.Processes;
import dev.inkan.testing.Tools;
import dev.inkan.testing.TrustedCas;
import dev.inkan.testing.Verifiers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The harness of the real-client tests (one class per client family, one Spring context for all): a service of its
 * own whose validator connects to ports the clients (or a webroot server) bind, DNS from pebble-challtestsrv, 5 % of
 * good nonces refused, and every certificate checked by openssl -x509_strict and Go. Times print as
 * {@code client-matrix CLIENT STEP SECONDS} for the note's client matrix.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"inkan.admin-token=" + AcmeRealClientTest.TOKEN, "inkan.default-ca-name=Inkan ACME Clients Root CA",
            "logging.level.dev.inkan=WARN", "inkan.acme.test-nonce-reject-percent=5", "inkan.transport.http-port=0"})
abstract class AcmeRealClientTest {

    static final String TOKEN = "acme-clients-token-0123456789";
    static final int HTTP01_PORT = freePort();
    static final int TLSALPN01_PORT = freePort();

    @LocalServerPort
    int port;

    /** The CA of the service's HTTPS certificate, which each client is told to trust. */
    Path caBundle;

    @Autowired
    void trustTheServiceCa(dev.inkan.authority.CertificateAuthorityService authorities) throws IOException {
        String pem = authorities.defaultAuthority().certificatePem();
        TrustedCas.add(pem);
        caBundle = Files.writeString(Files.createTempFile(Files.createDirectories(Tools.buildDir()), "acme-clients-ca", ".pem"), pem);
    }

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) throws IOException {
        AcmeTestNetwork.start();
        Path dataDir = Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), "acme-clients-data-");
        registry.add("inkan.data-dir", dataDir::toString);
        registry.add("inkan.acme.dns-resolver", () -> "127.0.0.1:" + AcmeTestNetwork.DNS_PORT);
        registry.add("inkan.acme.http01-port", () -> HTTP01_PORT);
        registry.add("inkan.acme.tlsalpn01-port", () -> TLSALPN01_PORT);
    }

    String directory() {
        return "https://127.0.0.1:" + port + "/acme/directory";
    }

    ApiClient api() {
        return new ApiClient(port, TOKEN);
    }

    static Path workDir(String client) throws IOException {
        return Files.createTempDirectory(Files.createDirectories(Tools.buildDir()), client + "-");
    }

    /** Runs {@code command} in {@code dir} with HOME there and the CA bundle in the variables certbot and lego read. */
    Processes.Result run(Path dir, List<String> command, Map<String, String> environment) {
        Map<String, String> all = new HashMap<>(Map.of("HOME", dir.toString(), "REQUESTS_CA_BUNDLE", caBundle.toString(),
                "LEGO_CA_CERTIFICATES", caBundle.toString()));
        all.putAll(environment);
        Processes.Result result = Processes.run(command, dir, all, Duration.ofMinutes(4));
        assertThat(result.ok()).as(String.join(" ", command) + "\n" + result.output()).isTrue();
        return result;
    }

    Processes.Result run(Path dir, List<String> command) {
        return run(dir, command, Map.of());
    }

    /** Runs {@code step} and prints its time as a line of the client matrix. */
    static void timed(String client, String step, Step action) throws Exception {
        long start = System.nanoTime();
        action.run();
        System.out.printf("client-matrix %s %s %.1f s%n", client, step, (System.nanoTime() - start) / 1e9);
    }

    /** One timed step of a client. */
    interface Step {
        void run() throws Exception;
    }

    /** openssl -x509_strict and Go accept the issued chain (leaf first, root last) for {@code hostname}. */
    static void verify(Path fullchain, String hostname) throws IOException {
        List<X509Certificate> chain = Pem.readCertificates("fullchain", Files.readString(fullchain));
        assertThat(chain).as("leaf and root in " + fullchain).hasSizeGreaterThanOrEqualTo(2);
        X509Certificate root = chain.get(chain.size() - 1);
        var files = Verifiers.Chain.write(Files.createTempDirectory(fullchain.getParent(), "verify-"), chain.get(0),
                chain.subList(1, chain.size() - 1), root);
        var openssl = Verifiers.openssl(files, hostname, "sslserver");
        assertThat(openssl.accepted()).as(openssl.output()).isTrue();
        var go = Verifiers.go(files, hostname, "server");
        assertThat(go.accepted()).as(go.output()).isTrue();
    }

    /**
     * A web server for a client's webroot ({@code WELLKNOWN}, {@code --acme-dir}, a hook's challenge path): the JDK
     * HttpServer on the http-01 port answering {@code /.well-known/acme-challenge/TOKEN} with the file TOKEN.
     */
    static HttpServer serveChallengeDirectory(Path challenges) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", HTTP01_PORT), 16);
        server.createContext("/.well-known/acme-challenge/", exchange -> {
            Path file = challenges.resolve(exchange.getRequestURI().getPath().substring("/.well-known/acme-challenge/".length()))
                    .normalize();
            boolean found = file.getParent().equals(challenges.normalize()) && Files.isRegularFile(file);
            byte[] body = found ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
