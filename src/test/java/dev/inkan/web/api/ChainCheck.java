package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.Pem;
import dev.inkan.testing.Verifiers;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Checks an API answer's certificate against its own chain with OpenSSL (strict) and Go's crypto/x509. */
final class ChainCheck {

    private ChainCheck() {}

    /** {@code issued} is a 201 body (certificatePem, chainPem); {@code hostname} a name the certificate must be valid for. */
    static void verifiedByOpensslAndGo(JsonNode issued, String hostname, Path dir) {
        X509Certificate leaf = Pem.readCertificates("certificatePem", issued.path("certificatePem").asString()).get(0);
        List<X509Certificate> chain = Pem.readCertificates("chainPem", issued.path("chainPem").asString());
        X509Certificate root = chain.get(chain.size() - 1);
        List<X509Certificate> intermediates = chain.subList(0, chain.size() - 1);
        var files = Verifiers.Chain.write(dir.resolve("chain-" + System.nanoTime()), leaf, intermediates, root);
        boolean client = issued.path("profile").asString().equals("client");
        var openssl = Verifiers.openssl(files, hostname, client ? "sslclient" : "sslserver");
        assertThat(openssl.accepted()).as("openssl: " + openssl.output()).isTrue();
        var go = Verifiers.go(files, hostname, client ? "client" : "server");
        assertThat(go.accepted()).as("go: " + go.output()).isTrue();
        var java = Verifiers.javaPkix(leaf, intermediates, root);
        assertThat(java.accepted()).as("java: " + java.output()).isTrue();
    }
}
