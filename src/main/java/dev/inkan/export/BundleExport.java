package dev.inkan.export;

import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.Pkcs12;
import dev.inkan.engine.PolicyViolationException;
import java.security.cert.CertificateEncodingException;
import org.bouncycastle.asn1.x509.GeneralName;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one bundle every front end hands out (one-shot, REST, UI): from a {@link CertificateBundle}
 * the files nginx, HAProxy, Kubernetes, Java and the trust-store scripts need, named as README.txt
 * in the bundle lists them. Private material ({@code key.pem}, {@code cert.p12},
 * {@code haproxy.pem}, {@code secret.yaml}) is mode 0600.
 */
public final class BundleExport {

    /** cert.p12's friendly name, as keytool and Keychain Access show it. */
    public static final String PKCS12_ALIAS = "inkan";

    /**
     * The top-level names a bundle writes ({@code nginx} is a directory), for callers that put other
     * files beside them (the one-shot) and must not collide with them.
     */
    public static final Set<String> TOP_LEVEL_NAMES = topLevelNames();

    private static Set<String> topLevelNames() {
        Set<String> names = new LinkedHashSet<>(List.of("cert.pem", "key.pem", "chain.pem", "fullchain.pem", "ca.pem", "ca.crt",
                "cert.p12", "truststore.p12", "haproxy.pem", "secret.yaml", "nginx", "README.txt"));
        for (TrustPlatform platform : TrustPlatform.values()) {
            names.add(platform.fileName());
        }
        return java.util.Collections.unmodifiableSet(names);
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final TemplateRenderer templates;
    private final TrustInstallers installers;

    public BundleExport(TemplateRenderer templates) {
        this.templates = templates;
        this.installers = new TrustInstallers(templates);
    }

    /** Every file of the bundle, the trust-store scripts included. */
    public List<OutputFile> files(CertificateBundle bundle, BundleOptions options) {
        if (bundle.key().isEmpty()) {
            throw new PolicyViolationException("privateKey", "this certificate's private key is not held by Inkan (it was"
                    + " issued from a CSR or its key was deleted), so there is no key.pem, cert.p12 or nginx bundle;"
                    + " download cert.pem and chain.pem instead, or issue a new certificate with a generated key");
        }
        RootOfTrust ca = RootOfTrust.of(bundle.root());
        Map<String, String> values = values(bundle, ca, options);
        String fullChain = bundle.fullChainPem();
        String key = bundle.privateKeyPem();

        // The two PKCS#12 files are most of the bundle's CPU (five PBKDF2 derivations of 10,000 iterations, 80-130 ms
        // in a fresh one-shot JVM; bench/RESULTS.md, "Fifth pass"): cert.p12 is built on another core meanwhile.
        CompletableFuture<byte[]> keyStore = CompletableFuture.supplyAsync(
                () -> bundle.toPkcs12(PKCS12_ALIAS, options.pkcs12Password(), options.pkcs12Encryption()));
        byte[] trustStore = Pkcs12.trustStore(List.of(bundle.root()), List.of(ca.id()), options.trustStorePassword());
        String secret = secret(fullChain, key, ca, options, values);
        String sslConf = templates.render("nginx/ssl.conf", values);
        String siteConf = templates.render("nginx/site.conf", values);
        String readme = templates.render("bundle/README.txt", values);
        List<OutputFile> helpers = installers.all(ca, options.installBaseUrl());

        List<OutputFile> files = new ArrayList<>();
        files.add(OutputFile.publicText("cert.pem", bundle.certificatePem()));
        files.add(OutputFile.privateText(options.keyFileName(), key));
        files.add(OutputFile.publicText("chain.pem", bundle.chainPem()));
        files.add(OutputFile.publicText("fullchain.pem", fullChain));
        files.add(OutputFile.publicText("ca.pem", ca.pem()));
        files.add(new OutputFile("ca.crt", der(bundle.root()), OutputFile.PUBLIC));
        files.add(new OutputFile("cert.p12", joined(keyStore), OutputFile.PRIVATE));
        files.add(new OutputFile("truststore.p12", trustStore, OutputFile.PUBLIC));
        files.add(OutputFile.privateText("haproxy.pem", fullChain + key));
        files.add(OutputFile.privateText("secret.yaml", secret));
        files.add(OutputFile.publicText("nginx/ssl.conf", sslConf));
        files.add(OutputFile.publicText("nginx/site.conf", siteConf));
        files.add(OutputFile.publicText("README.txt", readme));
        files.addAll(helpers);
        return List.copyOf(files);
    }

    /** The value computed on another thread, or its exception as that thread threw it. */
    private static byte[] joined(CompletableFuture<byte[]> value) {
        try {
            return value.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** The bundle as one zip, modes kept. */
    public byte[] zip(CertificateBundle bundle, BundleOptions options) {
        return BundleArchive.zip(files(bundle, options));
    }

    /** The DNS names and IP addresses of the certificate's subjectAltName, in order. */
    public static List<String> serverNames(X509Certificate certificate) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            for (List<?> name : alternatives == null ? List.<List<?>>of() : alternatives) {
                int type = (Integer) name.get(0);
                if (type == GeneralName.dNSName || type == GeneralName.iPAddress) { // RFC 5280 §4.2.1.6
                    names.add(String.valueOf(name.get(1)));
                }
            }
        } catch (CertificateParsingException e) {
            throw new IllegalArgumentException("the certificate's subjectAltName does not parse", e);
        }
        return List.copyOf(names);
    }

    /** secret.yaml through the one-shot's template (templates/kubernetes/secret.yaml): tls.crt is the full chain. */
    private String secret(String fullChain, String key, RootOfTrust ca, BundleOptions options, Map<String, String> values) {
        return KubernetesSecret.render(templates, values.get("secretName"), options.secretNamespace(), fullChain, key,
                options.secretIncludesCa() ? ca.pem() : null, null);
    }

    private Map<String, String> values(CertificateBundle bundle, RootOfTrust ca, BundleOptions options) {
        X509Certificate leaf = bundle.certificate();
        List<String> names = serverNames(leaf);
        Map<String, String> values = new HashMap<>();
        values.put("serverNames", names.isEmpty() ? "_" : String.join(" ", names));
        values.put("notBefore", DATE.format(leaf.getNotBefore().toInstant()));
        values.put("notAfter", DATE.format(leaf.getNotAfter().toInstant()));
        values.put("keyType", KeyType.of(leaf.getPublicKey()).map(KeyType::displayName).orElse(leaf.getPublicKey().getAlgorithm()));
        // README.txt and the nginx comments are read by people and pasted by them: one line each, nothing that starts another
        values.put("issuer", ScriptLiterals.printable(RootOfTrust.of(bundle.chain().get(0)).name()));
        values.put("caName", ScriptLiterals.printable(ca.name()));
        values.put("caSha256", ca.sha256Colons());
        values.put("caConstraints", ScriptLiterals.printable(ca.constraintsDescription()));
        values.put("installDirectory", options.installDirectory());
        values.put("ocspStapling", OcspStapling.directives(leaf, options.installDirectory()));
        values.put("keyFile", options.keyFileName());
        values.put("pkcs12Encryption", options.pkcs12Encryption() == Pkcs12.Encryption.LEGACY
                ? "legacy 3DES/SHA-1 for old Windows and macOS importers" : "AES-256-CBC, PBKDF2-HMAC-SHA256");
        values.put("opensslLegacyFlag", options.pkcs12Encryption() == Pkcs12.Encryption.LEGACY ? " -legacy" : "");
        values.put("trustStorePassword", new String(options.trustStorePassword()));
        String secretName = options.secretName() == null || options.secretName().isBlank()
                ? secretName(names.isEmpty() ? ca.id() : names.get(0)) : options.secretName();
        values.put("secretName", secretName);
        values.put("secretNamespace", options.secretNamespace());
        values.put("secretCaNote", options.secretIncludesCa() ? ", ca.crt = ca.pem" : "");
        StringBuilder commands = new StringBuilder();
        for (TrustPlatform platform : TrustPlatform.values()) {
            commands.append(String.format("%-8s %s%n         %s%n", platform.id(), platform.title(),
                    options.installBaseUrl() == null ? localCommand(platform) : installers.command(platform, ca, options.installBaseUrl())));
        }
        values.put("trustCommands", commands.toString().stripTrailing());
        return values;
    }

    /** How to run the bundle's own copy of a script, from the unpacked bundle. */
    private static String localCommand(TrustPlatform platform) {
        if (platform.isPowerShell()) {
            return "powershell -ExecutionPolicy Bypass -File " + platform.fileName() + " [-Store LocalMachine] [-Uninstall]";
        }
        return (platform.needsRoot() ? "sudo sh " : "sh ") + platform.fileName()
                + (platform == TrustPlatform.DOCKER ? " install REGISTRY:PORT" : "");
    }

    /** A Kubernetes object name (RFC 1123 subdomain, ≤ 253 characters) from a host name: {@code *.app.test} → {@code wildcard.app.test-tls}. */
    static String secretName(String host) {
        String name = host.toLowerCase(Locale.ROOT).replace("*", "wildcard").replace(':', '-').replaceAll("[^a-z0-9.-]", "-")
                .replaceAll("^[^a-z0-9]+", "").replaceAll("[^a-z0-9]+$", "");
        name = (name.isEmpty() ? "inkan" : name) + "-tls";
        return name.length() > 253 ? name.substring(name.length() - 253).replaceAll("^[^a-z0-9]+", "") : name;
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the CA certificate cannot be encoded", e);
        }
    }
}
