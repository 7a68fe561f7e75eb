package dev.inkan.oneshot;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.CrlBuilder;
import dev.inkan.engine.CrlContent;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.Field;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.NameConstraintPolicy;
import dev.inkan.engine.Pem;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.SigningRequest;
import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.Pkcs12;
import dev.inkan.export.BundleExport;
import dev.inkan.export.BundleOptions;
import dev.inkan.export.KubernetesSecret;
import dev.inkan.export.OpensslConfigRecord;
import dev.inkan.export.OutputFile;
import dev.inkan.export.TemplateRenderer;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * A one-shot run: a CA (reused from the output directory, after checking it, or made new), a
 * fresh server key, its CSR and certificate, and every file omgwtfssl writes plus
 * {@code fullchain.pem} and (unless {@code BUNDLE=no}) Inkan's bundle, all built in memory. Nothing is written here: the caller writes
 * {@link OneShotResult#files()} only when everything succeeded.
 */
public final class OneShotIssuance {


    /** Where a generated cert.p12 password goes (0600), when P12_PASSWORD is not set. */
    public static final String PASSWORD_FILE = "cert.p12.password";

    private final TemplateRenderer templates;

    public OneShotIssuance(TemplateRenderer templates) {
        this.templates = templates;
    }

    /** Builds every output of a run into {@code directory}, reusing the CA found there (after checking it). */
    public OneShotResult issue(OneShotRequest request, Path directory, Instant now) {
        return issue(request, ExistingCa.read(directory, request.files(), now), now);
    }

    /** Builds every output of the run; throws a {@link RequestRejectedException} naming the variable at fault. */
    public OneShotResult issue(OneShotRequest request, ExistingCa existing, Instant now) {
        OneShotRequest.FileNames names = request.files();
        // Everything that costs nothing is checked before any key is generated.
        String subject = request.subject() != null || !request.dnsNames().isEmpty() || !request.ipAddresses().isEmpty()
                ? request.subject() : OneShotRequest.DEFAULT_SUBJECT;
        LeafSpec spec = LeafSpec.of(subject, request.dnsNames(), request.ipAddresses(),
                request.profile(), request.expireDays());
        NameConstraintPolicy constraints = nameConstraints(request);
        if (existing != null && !constraints.isEmpty()) {
            throw new InvalidInputException(request.caPermittedDns().isEmpty() ? "CA_PERMITTED_IP" : "CA_PERMITTED_DNS",
                    "name constraints apply only to a new CA, and the CA in " + names.caCert() + " is reused;"
                            + " remove " + names.caKey() + " and " + names.caCert() + " to have a constrained CA made");
        }
        CaSpec caSpec = existing != null ? null
                : new CaSpec(request.caSubject(), null, request.caExpireDays(), constraints, null);

        List<String> progress = new ArrayList<>();
        UsedCa ca;
        KeyPair key;
        if (existing != null) {
            ca = reuse(existing, names, progress);
            key = request.keyType().generate();
        } else {
            // A fresh CA needs two keys: the server key is generated on a second thread meanwhile, so that
            // two RSA key generations (most of the run) take the time of one on a machine with two cores.
            FutureTask<KeyPair> serverKey = new FutureTask<>(request.keyType()::generate);
            Thread generator = new Thread(serverKey, "oneshot-server-key");
            generator.setDaemon(true);
            generator.start();
            ca = create(caSpec, request, now, progress);
            key = serverKey(serverKey);
        }
        X509Certificate certificate = CertificateIssuer.leaf(spec, key.getPublic(), ca.authority(), now);
        String serial = opensslSerial(certificate);
        var clamped = CertificateIssuer.clampWarning(spec.validityDays(), certificate, ca.authority(), now);
        progress.add("Issued " + names.cert() + " (" + request.profile().id() + ", " + request.keyType().displayName()
                + ", serial " + serial + ") for " + spec.names() + ", valid until " + certificate.getNotAfter().toInstant()
                );
        clamped.ifPresent(warning -> progress.add("warning: SSL_EXPIRE: " + warning));

        String keyPem = Pem.encode(key.getPrivate());
        String csrPem = Pem.encode(SigningRequest.create(key, spec));
        String certPem = Pem.encode(certificate);
        String secret = KubernetesSecret.render(templates, request.k8sName(), request.k8sNamespace(), certPem, keyPem,
                request.k8sSaveCaCert() ? ca.certificatePem() : null, request.k8sSaveCaKey() ? ca.keyPem() : null);

        List<OutputFile> files = new ArrayList<>();
        if (ca.madeNow() != null) {
            files.add(OutputFile.privateText(names.caKey(), ca.keyPem()));
            files.add(OutputFile.publicText(names.caCert(), ca.certificatePem()));
            if (request.bundle()) {
                files.add(OutputFile.publicText(names.caCrl(), emptyCrl(ca.authority(), now)));
                progress.add("Wrote " + names.caCrl() + ": the new CA's CRL, empty, valid until the CA ends (for nginx's ssl_crl)");
            }
        }
        // openssl x509 -CAcreateserial writes the serial it last used, in hex, to the CA's .srl file.
        files.add(OutputFile.publicText(names.caSerial(), serial + "\n"));
        files.add(OutputFile.publicText(names.config(),
                OpensslConfigRecord.render(certificate, ca.madeNow(), header(names, request, certificate, serial, now))));
        files.add(OutputFile.privateText(names.key(), keyPem));
        files.add(OutputFile.publicText(names.csr(), csrPem));
        files.add(OutputFile.publicText(names.cert(), certPem));
        files.add(OutputFile.publicText(OneShotRequest.FileNames.FULL_CHAIN, certPem + Pem.encode(ca.authority().chain())));
        files.add(OutputFile.privateText(OneShotRequest.FileNames.SECRET, secret));
        if (request.bundle()) {
            files.addAll(bundleFiles(new CertificateBundle(certificate, ca.authority().chain(), key.getPrivate()), request, files, progress));
        }
        return new OneShotResult(files, progress, certificate, ca.keyPem(), ca.certificatePem(), keyPem, csrPem, certPem, secret);
    }

    /**
     * The files of Inkan's bundle that omgwtfssl's set lacks: chain.pem, ca.crt, cert.p12, truststore.p12,
     * haproxy.pem, nginx/, README.txt and the install-ca-* helpers. cert.pem, key.pem, ca.pem,
     * fullchain.pem and secret.yaml stay the one-shot's own (under SSL_CERT, SSL_KEY, CA_CERT, K8S_*).
     */
    private List<OutputFile> bundleFiles(CertificateBundle bundle, OneShotRequest request, List<OutputFile> own, List<String> progress) {
        boolean generated = request.p12Password() == null;
        char[] password = generated ? BundleOptions.generatedPassword() : request.p12Password().toCharArray();
        BundleOptions options = BundleOptions.defaults(password)
                .withEncryption(request.p12Legacy() ? Pkcs12.Encryption.LEGACY : Pkcs12.Encryption.MODERN)
                .withSecret(request.k8sName(), request.k8sNamespace(), request.k8sSaveCaCert())
                .withKeyFileName(request.files().key());
        Set<String> taken = new HashSet<>(Set.of("cert.pem", "key.pem", "ca.pem", OneShotRequest.FileNames.FULL_CHAIN,
                OneShotRequest.FileNames.SECRET, PASSWORD_FILE));
        own.forEach(file -> taken.add(file.name()));
        List<OutputFile> files = new ArrayList<>();
        for (OutputFile file : new BundleExport(templates).files(bundle, options)) {
            if (taken.contains(file.name())) {
                continue;
            }
            files.add(file);
        }
        if (generated) {
            files.add(OutputFile.privateText(PASSWORD_FILE, new String(password) + "\n"));
        }
        progress.add("Wrote the nginx bundle (nginx/site.conf, nginx/ssl.conf, cert.p12" + (generated ? " with its password in "
                + PASSWORD_FILE : "") + ", truststore.p12, haproxy.pem) and the trust helpers install-ca-*.sh; README.txt says how to use them");
        return files;
    }

    /** The CA that signs this run's certificate; {@code madeNow} is its certificate when this run made it, else null. */
    private record UsedCa(IssuingAuthority authority, String keyPem, String certificatePem, X509Certificate madeNow) {}

    private static UsedCa reuse(ExistingCa existing, OneShotRequest.FileNames names, List<String> progress) {
        X509Certificate cert = existing.authority().certificate();
        progress.add("Using the existing CA " + names.caKey() + " + " + names.caCert() + " (" + cert.getSubjectX500Principal().getName()
                + ", valid until " + cert.getNotAfter().toInstant() + ")");
        return new UsedCa(existing.authority(), existing.keyPem(), existing.certificatePem(), null);
    }

    private static UsedCa create(CaSpec spec, OneShotRequest request, Instant now, List<String> progress) {
        KeyPair key = request.keyType().generate();
        X509Certificate cert = CertificateIssuer.selfSignedRoot(spec, key, now);
        progress.add("Made a new CA " + request.files().caCert() + " (CN=" + spec.commonName() + ", " + request.keyType().displayName()
                + ", valid " + spec.validityDays() + " days"
                + (spec.constraints().isEmpty() ? "" : ", " + spec.constraints().describe()) + ")");
        return new UsedCa(IssuingAuthority.of(List.of(cert), key.getPrivate()), Pem.encode(key.getPrivate()), Pem.encode(cert), cert);
    }

    /**
     * The new CA's first CRL, empty, for servers that insist on one (nginx {@code ssl_crl}, {@code openssl verify -crl_check}):
     * CRLNumber 1 (RFC 5280 §5.2.3) and nextUpdate at the CA's own end, as nothing renews a one-shot CA's CRL. PEM, as
     * nginx and openssl read it by default; a run that reuses the CA leaves the file (and any revocations in it) alone.
     */
    private static String emptyCrl(IssuingAuthority ca, Instant now) {
        Instant thisUpdate = now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return Pem.encodeCrl(CrlBuilder.build(ca.certificate(), CrlContent.full(java.math.BigInteger.ONE, thisUpdate,
                ca.certificate().getNotAfter().toInstant(), List.of()), ca.newSigner()));
    }

    private static KeyPair serverKey(FutureTask<KeyPair> generation) {
        try {
            return generation.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while generating the server key", e);
        }
    }

    private static String header(OneShotRequest.FileNames names, OneShotRequest request, X509Certificate certificate,
                                 String serial, Instant now) {
        return "Written by Inkan oneshot at " + now + ": a record of what was issued, read back from the certificates.\n"
                + names.cert() + ": serial " + serial + ", " + request.keyType().displayName() + ", valid "
                + certificate.getNotBefore().toInstant() + " to " + certificate.getNotAfter().toInstant() + ",\n"
                + "  issued by " + certificate.getIssuerX500Principal().getName() + " (" + names.caCert() + ").\n"
                + "openssl x509 -req -in " + names.csr() + " -CA " + names.caCert() + " -CAkey " + names.caKey()
                + " -extfile " + names.config() + " -extensions v3_req\n  would add the same extensions.";
    }

    /** The serial as openssl prints and stores it: upper-case hex, an even number of digits. */
    private static String opensslSerial(X509Certificate certificate) {
        String hex = certificate.getSerialNumber().toString(16).toUpperCase(Locale.ROOT);
        return hex.length() % 2 == 0 ? hex : "0" + hex;
    }

    private static NameConstraintPolicy nameConstraints(OneShotRequest request) {
        // Called twice so an error in the IP ranges names CA_PERMITTED_IP, not CA_PERMITTED_DNS.
        NameConstraintPolicy.of("CA_PERMITTED_DNS", request.caPermittedDns(), List.of());
        return NameConstraintPolicy.of("CA_PERMITTED_IP", request.caPermittedDns(), request.caPermittedIp());
    }

    /** The one-shot's variable for each engine field: the one-shot's one mapping (the CLI prints a refusal with it). */
    public static String variable(Field field) {
        return switch (field) {
            case COMMON_NAME -> "SSL_SUBJECT";
            case DNS_NAMES -> "SSL_DNS";
            case IP_ADDRESSES -> "SSL_IP";
            case VALIDITY_DAYS -> "SSL_EXPIRE";
            case KEY_TYPE -> "SSL_KEY_TYPE";
            case ISSUING_CA, CA_CERTIFICATE -> "CA_CERT";
            case CA_NAME -> "CA_SUBJECT";
            case CA_VALIDITY_DAYS -> "CA_EXPIRE";
            case PATH_LENGTH -> "pathLength"; // the one-shot makes CAs without a path length: never refused here
        };
    }
}
