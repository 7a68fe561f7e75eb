package dev.inkan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The revocation checkers of TESTING.md, run as their users run them: OpenSSL ({@code verify -crl_check},
 * {@code ocsp}), GnuTLS ({@code certtool --load-crl}, {@code ocsptool --ask}) and Go
 * ({@code x509.ParseRevocationList}, {@code golang.org/x/crypto/ocsp}, Debian's golang-golang-x-crypto-dev).
 */
public final class RevocationCheckers {


    private RevocationCheckers() {}

    /**
     * {@code openssl verify -crl_check_all} against CRL files (the root's own CRL included), or {@code -crl_check -crl_download}
     * from the leaf's CRL distribution point (a root carries no CDP, so only the leaf's CRL can be downloaded).
     */
    public static Processes.Result opensslVerify(Path root, Path untrusted, Path leaf, Path crlFile, boolean download) {
        List<String> command = new ArrayList<>(List.of("openssl", "verify", "-x509_strict", download ? "-crl_check" : "-crl_check_all",
                "-CAfile", root.toString()));
        if (untrusted != null) {
            command.addAll(List.of("-untrusted", untrusted.toString()));
        }
        if (download) {
            command.add("-crl_download");
        } else {
            command.addAll(List.of("-CRLfile", crlFile.toString()));
        }
        command.add(leaf.toString());
        return Processes.run(command);
    }

    /** {@code openssl ocsp} POST to {@code url}, the response's signature checked against {@code root} (+ {@code untrusted}). */
    public static Processes.Result opensslOcsp(String url, Path issuer, Path leaf, Path root, Path untrusted, boolean nonce) {
        List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-issuer", issuer.toString(), "-cert", leaf.toString(),
                "-url", url, "-CAfile", root.toString(), "-timeout", "20"));
        if (untrusted != null) {
            command.addAll(List.of("-verify_other", untrusted.toString()));
        }
        command.add(nonce ? "-nonce" : "-no_nonce");
        return Processes.run(command);
    }

    /** {@code openssl ocsp -reqout}: the DER request for {@code leaf}, with or without a nonce. */
    public static byte[] opensslRequest(Path dir, Path issuer, Path leaf, boolean nonce) {
        try {
            Path out = Files.createTempFile(dir, "ocsp-req", ".der");
            var result = Processes.run(List.of("openssl", "ocsp", "-issuer", issuer.toString(), "-cert", leaf.toString(),
                    nonce ? "-nonce" : "-no_nonce", "-reqout", out.toString()));
            assertThat(result.ok()).as(result.output()).isTrue();
            return Files.readAllBytes(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code openssl ocsp -respin}: checks a response fetched some other way (GET), signature and status. */
    public static Processes.Result opensslReadResponse(Path dir, byte[] response, byte[] request, Path issuer, Path leaf, Path root,
                                                       Path untrusted) {
        try {
            Path in = Files.write(Files.createTempFile(dir, "ocsp-resp", ".der"), response);
            List<String> command = new ArrayList<>(List.of("openssl", "ocsp", "-respin", in.toString(), "-CAfile", root.toString()));
            if (request != null) {
                // with -reqin there is no -issuer: name the signer (the issuing CA) as a certificate to look in
                command.addAll(List.of("-reqin", Files.write(Files.createTempFile(dir, "ocsp-req", ".der"), request).toString(),
                        "-verify_other", issuer.toString()));
            } else {
                command.addAll(List.of("-issuer", issuer.toString(), "-cert", leaf.toString(), "-no_nonce"));
            }
            if (untrusted != null && request == null) {
                command.addAll(List.of("-verify_other", untrusted.toString()));
            }
            return Processes.run(command);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** GnuTLS {@code certtool --verify --load-crl} with the chain (leaf first) and the CRLs in one PEM file. */
    public static Processes.Result certtool(Path root, Path chain, Path crls) {
        return Processes.run(List.of("certtool", "--verify", "--load-ca-certificate", root.toString(), "--load-crl", crls.toString(),
                "--infile", chain.toString()));
    }

    /** GnuTLS {@code ocsptool --ask}: asks the responder named in the certificate, checks the signature with the issuer. */
    public static Processes.Result ocsptool(Path issuer, Path leaf, boolean nonce) {
        List<String> command = new ArrayList<>(List.of("ocsptool", "--ask", "--load-issuer", issuer.toString(),
                "--load-cert", leaf.toString(), "--load-signer", issuer.toString()));
        command.add(nonce ? "--nonce" : "--no-nonce");
        return Processes.run(command, null, Map.of(), Duration.ofSeconds(60));
    }

    /** Go: {@code crl} or {@code ocsp} mode of src/test/resources/verifiers/revocation.go. */
    public static Processes.Result go(String mode, String url, Path issuer, Path leaf) {
        return Processes.run(List.of(goChecker().toString(), mode, url, issuer.toString(), leaf.toString()));
    }

    /** Debian's golang-golang-x-crypto-dev lives in GOPATH /usr/share/gocode (GOPATH mode, no module proxy). */
    private static Path goChecker() {
        return Tools.goProgram("/verifiers/revocation.go", "go-revocation", null,
                Map.of("GO111MODULE", "off", "GOPATH", "/usr/share/gocode"));
    }
}
