package dev.inkan.acme;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.inkan.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The small ACME clients from Debian against the running service, each answering http-01 from a webroot directory
 * that a JDK HttpServer serves on the validator's port: uacme (issue, keyChange, revoke) and acme-tiny. Both retry a
 * refused nonce (RFC 8555 §6.5); dehydrated does not, see {@link DehydratedAcmeClientTests}.
 */
class ShellAcmeClientTests extends AcmeRealClientTest {

    @Test
    void uacmeIssuesRollsItsAccountKeyAndRevokesWithTheNewKey() throws Exception {
        Path dir = workDir("uacme");
        Path challenges = Files.createDirectories(dir.resolve("www"));
        Path conf = dir.resolve("conf");
        // uacme.sh, uacme's own hook: writes the key authorization to $UACME_CHALLENGE_PATH/TOKEN
        Map<String, String> hook = Map.of("UACME_CHALLENGE_PATH", challenges.toString());
        HttpServer webroot = serveChallengeDirectory(challenges);
        try {
            timed("uacme", "new-account", () -> run(dir, uacme(conf, "-y", "new", "ops@acme.test")));
            timed("uacme", "http-01", () -> run(dir, uacme(conf, "-o", "-h", "/usr/share/uacme/uacme.sh", "issue", "uacme.acme.test"), hook));
        } finally {
            webroot.stop(0);
        }
        verify(conf.resolve("uacme.acme.test/cert.pem"), "uacme.acme.test");

        String oldKey = Files.readString(conf.resolve("private/key.pem"));
        timed("uacme", "keyChange", () -> run(dir, uacme(conf, "-y", "newkey")));
        assertThat(Files.readString(conf.resolve("private/key.pem"))).isNotEqualTo(oldKey);
        Path oldConf = Files.createDirectories(dir.resolve("old/private"));
        Files.writeString(oldConf.resolve("key.pem"), oldKey);
        var retired = Processes.run(uacme(oldConf.getParent(), "-n", "update", "ops@acme.test"), dir, Map.of(), Duration.ofMinutes(2));
        assertThat(retired.ok()).as("the rolled-over key no longer finds the account").isFalse();
        assertThat(retired.output()).contains("no account associated with");

        timed("uacme", "revoke", () -> run(dir, uacme(conf, "-y", "revoke", conf.resolve("uacme.acme.test/cert.pem").toString())));
        assertThat(Files.list(conf.resolve("uacme.acme.test")).map(p -> p.getFileName().toString()))
                .as("uacme renames a certificate once the server says revoked").anyMatch(name -> name.startsWith("revoked-"));
    }

    @Test
    void acmeTinyGetsACertificateByHttp01FromItsAcmeDir() throws Exception {
        Path dir = workDir("acme-tiny");
        Path challenges = Files.createDirectories(dir.resolve("www"));
        run(dir, List.of("openssl", "genrsa", "-out", "account.key", "2048"));
        run(dir, List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", "tiny.key", "-subj", "/CN=tiny.acme.test", "-addext", "subjectAltName=DNS:tiny.acme.test", "-out", "tiny.csr"));
        HttpServer webroot = serveChallengeDirectory(challenges);
        try {
            // --disable-check: acme-tiny would fetch the token from tiny.acme.test:80 itself, a name only the test DNS knows
            timed("acme-tiny", "http-01", () -> {
                var tiny = run(dir, List.of("acme-tiny", "--account-key", "account.key", "--csr", "tiny.csr", "--acme-dir",
                        challenges.toString(), "--disable-check", "--directory-url", directory(), "--contact", "mailto:ops@acme.test"),
                        Map.of("SSL_CERT_FILE", caBundle.toString()));
                Files.writeString(dir.resolve("tiny-chain.pem"), tiny.stdout());
            });
        } finally {
            webroot.stop(0);
        }
        verify(dir.resolve("tiny-chain.pem"), "tiny.acme.test");
    }

    /**
     * uacme has no CA-bundle option: it reads the system bundle, so it runs in a mount namespace of its own
     * ({@code unshare -m}, root) where the service's CA is bind-mounted over {@code /etc/ssl/certs/ca-certificates.crt}.
     */
    private List<String> uacme(Path conf, String... arguments) {
        return concat(List.of("unshare", "-m", "sh", "-c", "mount --bind \"$0\" /etc/ssl/certs/ca-certificates.crt "
                + "&& url=\"$1\" conf=\"$2\" && shift 2 && exec uacme -v -a \"$url\" -c \"$conf\" \"$@\"",
                caBundle.toString(), directory(), conf.toString()), List.of(arguments));
    }
}
