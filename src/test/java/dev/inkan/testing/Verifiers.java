package dev.inkan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.inkan.engine.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Independent verdicts on a certificate chain: OpenSSL (strict), GnuTLS, Go's crypto/x509
 * (which rejects CN-only certificates), NSS (Firefox and Chromium's library) and Java PKIX.
 * Each returns its verdict with the verifier's own words, so a failing test shows why.
 */
public final class Verifiers {

    /** A verifier's answer. */
    public record Verdict(String verifier, boolean accepted, String output) {}


    private Verifiers() {}

    /** The leaf, its intermediates (may be empty) and the root, written as PEM files in {@code dir}. */
    public record Chain(Path leaf, Path intermediates, Path root) {
        public static Chain write(Path dir, X509Certificate leaf, List<X509Certificate> intermediates, X509Certificate root) {
            try {
                Files.createDirectories(dir);
                Path l = Files.writeString(dir.resolve("leaf.pem"), Pem.encode(leaf));
                Path i = Files.writeString(dir.resolve("intermediates.pem"), intermediates.isEmpty() ? "" : Pem.encode(intermediates));
                Path r = Files.writeString(dir.resolve("root.pem"), Pem.encode(root));
                return new Chain(l, i, r);
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }

        boolean hasIntermediates() {
            try {
                return Files.size(intermediates) > 0;
            } catch (IOException e) {
                return false;
            }
        }
    }

    /** {@code openssl verify -x509_strict -purpose sslserver -verify_hostname}; purpose {@code sslclient} for clients. */
    public static Verdict openssl(Chain chain, String hostname, String purpose) {
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-x509_strict", "-purpose", purpose,
                "-CAfile", chain.root().toString()));
        if (chain.hasIntermediates()) {
            command.addAll(List.of("-untrusted", chain.intermediates().toString()));
        }
        if (hostname != null) {
            command.addAll(List.of(hostname.contains(":") || hostname.matches("[0-9.]+") ? "-verify_ip" : "-verify_hostname", hostname));
        }
        command.add(chain.leaf().toString());
        var result = Processes.run(command);
        return new Verdict("openssl", result.ok() && result.stdout().contains(": OK"), result.output());
    }

    /** GnuTLS {@code certtool --verify} with hostname and purpose (EKU OID). */
    public static Verdict gnutls(Chain chain, String hostname, String purposeOid) {
        try {
            Path combined = Files.createTempFile(chain.leaf().getParent(), "gnutls", ".pem");
            Files.writeString(combined, Files.readString(chain.leaf()) + Files.readString(chain.intermediates()));
            List<String> command = new ArrayList<>(List.of("certtool", "--verify", "--verify-profile", "medium",
                    "--load-ca-certificate", chain.root().toString(), "--infile", combined.toString(),
                    "--verify-purpose", purposeOid));
            if (hostname != null) {
                command.addAll(List.of("--verify-hostname", hostname));
            }
            var result = Processes.run(command);
            return new Verdict("gnutls", result.ok() && result.output().contains("Chain verification output: Verified"), result.output());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Go's crypto/x509 {@code Verify} with DNSName (or IP) and the EKU ("server" or "client"). */
    public static Verdict go(Chain chain, String hostname, String usage) {
        var result = Processes.run(List.of(goVerifier().toString(), chain.root().toString(), chain.intermediates().toString(),
                chain.leaf().toString(), hostname == null ? "" : hostname, usage));
        return new Verdict("go", result.ok() && result.stdout().contains("OK"), result.output());
    }

    /** Java's PKIX CertPathValidator (no revocation): chain and constraints, not SAN-required nor EKU. */
    public static Verdict javaPkix(X509Certificate leaf, List<X509Certificate> intermediates, X509Certificate root) {
        try {
            List<X509Certificate> path = new ArrayList<>();
            path.add(leaf);
            path.addAll(intermediates);
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(false);
            CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
            return new Verdict("java-pkix", true, "valid");
        } catch (Exception e) {
            return new Verdict("java-pkix", false, e.toString());
        }
    }

    /** NSS {@code vfychain} against a fresh NSS db that trusts only {@code chain.root()} (usage 1 = SSL server). */
    public static Verdict nss(Chain chain, Path workDir, int usage) {
        try {
            Path db = Files.createDirectories(workDir.resolve("nssdb-" + System.nanoTime()));
            var init = Processes.run(List.of("certutil", "-N", "-d", "sql:" + db, "--empty-password"));
            assertThat(init.ok()).as(init.output()).isTrue();
            var add = Processes.run(List.of("certutil", "-A", "-n", "inkan-test-root", "-t", "C,,", "-i", chain.root().toString(),
                    "-d", "sql:" + db));
            assertThat(add.ok()).as(add.output()).isTrue();
            List<String> command = new ArrayList<>(List.of("vfychain", "-d", "sql:" + db, "-pp", "-u", String.valueOf(usage),
                    "-a", chain.leaf().toString()));
            if (chain.hasIntermediates()) {
                command.addAll(List.of("-a", chain.intermediates().toString()));
            }
            var result = Processes.run(command, null, Map.of(), Duration.ofMinutes(1));
            return new Verdict("nss", result.ok() && result.output().contains("Chain is good"), result.output());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Every verifier, for a TLS server certificate reached as {@code hostname}. */
    public static List<Verdict> allForServer(Chain chain, X509Certificate leaf, List<X509Certificate> intermediates,
                                             X509Certificate root, String hostname) {
        return List.of(openssl(chain, hostname, "sslserver"), gnutls(chain, hostname, "1.3.6.1.5.5.7.3.1"),
                go(chain, hostname, "server"), javaPkix(leaf, intermediates, root));
    }

    private static Path goVerifier() {
        return Tools.goProgram("/verifiers/verify.go", "go-verifier", "module inkanverify\n\ngo 1.19\n",
                Map.of("GOFLAGS", "-mod=mod", "GOPROXY", "off"));
    }
}
