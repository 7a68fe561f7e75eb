package dev.inkan.config;

import dev.inkan.storage.StartRefusedException;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.CertificateBundle;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.IssuanceRequest;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslBundleRegistry;
import org.springframework.boot.ssl.pem.PemSslStore;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The HTTPS server certificate, issued by the default CA like any other (it is in the ledger, so it can
 * be revoked) for {@link ServerNames}. Registered as the SSL bundle {@value #BUNDLE} that Tomcat's main
 * connector uses; checked every {@code inkan.transport.renewal-check} and renewed after 2/3 of its
 * lifetime, then handed to Tomcat through {@link SslBundleRegistry#updateBundle}, which reloads the
 * connector's certificate without a restart (new handshakes get the new one).
 */
public class ServerCertificate implements SslBundleRegistrar, DisposableBean {

    public static final String BUNDLE = "inkan";
    static final String ACTOR = "inkan-https";
    private static final String SETTING = "https-certificate-id";
    private static final Logger log = LoggerFactory.getLogger(ServerCertificate.class);

    private final TransportSettings settings;
    private final InkanProperties properties;
    private final CertificateAuthorityService authorities;
    private final IssuanceService issuance;
    private final CertificateRecords records;
    private final JdbcClient jdbc;
    private final ServerNames names;
    private final Clock clock;
    private volatile SslBundleRegistry registry;
    private volatile CertificateBundle current;
    private ScheduledExecutorService renewals;

    ServerCertificate(TransportSettings settings, InkanProperties properties, CertificateAuthorityService authorities,
                      IssuanceService issuance, CertificateRecords records, JdbcClient jdbc, ServerNames names, Clock clock) {
        this.settings = settings;
        this.properties = properties;
        this.authorities = authorities;
        this.issuance = issuance;
        this.records = records;
        this.jdbc = jdbc;
        this.names = names;
        this.clock = clock;
    }

    @Override
    public void registerBundles(SslBundleRegistry bundles) {
        if (!settings.tlsEnabled()) {
            return;
        }
        authorities.ensureDefaultAuthority(properties.defaultCaName());
        current = storedOrNew();
        bundles.registerBundle(BUNDLE, sslBundle(current));
        registry = bundles;
        renewals = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "inkan-https-renewal");
            thread.setDaemon(true);
            return thread;
        });
        long every = Math.max(1, settings.renewalCheck().toSeconds());
        renewals.scheduleWithFixedDelay(this::renewIfDue, every, every, TimeUnit.SECONDS);
    }

    /** The certificate new TLS handshakes get. */
    public X509Certificate certificate() {
        return current.certificate();
    }

    /** Issues a new server certificate and hands it to Tomcat now; returns it. */
    public synchronized X509Certificate renew() {
        CertificateBundle renewed = issue();
        current = renewed;
        registry.updateBundle(BUNDLE, sslBundle(renewed));
        log.info("HTTPS certificate renewed: serial {}, valid until {}; Tomcat reloaded it", serial(renewed), renewed.certificate().getNotAfter().toInstant());
        return renewed.certificate();
    }

    void renewIfDue() {
        try {
            if (due(current.certificate(), clock.instant())) {
                renew();
            }
        } catch (RuntimeException e) {
            log.warn("could not renew the HTTPS certificate (will try again in {}): {}", settings.renewalCheck(), e.toString());
        }
    }

    /** Due once 2/3 of its lifetime has passed, so that a missed check or two still leaves a month (of 90 days). */
    static boolean due(X509Certificate certificate, Instant now) {
        Instant from = certificate.getNotBefore().toInstant();
        Duration life = Duration.between(from, certificate.getNotAfter().toInstant());
        return !now.isBefore(from.plus(life.multipliedBy(2).dividedBy(3)));
    }

    private CertificateBundle storedOrNew() {
        Long id = jdbc.sql("SELECT setting_value FROM setting WHERE setting_name = ?").param(SETTING).query(String.class)
                .optional().map(Long::valueOf).orElse(null);
        if (id != null) {
            try {
                CertificateBundle stored = records.bundle(id);
                boolean revoked = records.summary(id).revokedAt() != null;
                if (!revoked && !due(stored.certificate(), clock.instant()) && names.coveredBy(stored.certificate())) {
                    log.info("HTTPS certificate: serial {} (certificate {}), valid until {}", serial(stored), id,
                            stored.certificate().getNotAfter().toInstant());
                    return stored;
                }
            } catch (RuntimeException e) {
                log.info("HTTPS certificate {} cannot be reused ({}); issuing a new one", id, e.getMessage());
            }
        }
        CertificateBundle issued = issue();
        log.info("HTTPS certificate issued: serial {}, valid until {}", serial(issued), issued.certificate().getNotAfter().toInstant());
        return issued;
    }

    private CertificateBundle issue() {
        List<String> dns = names.dnsNames();
        IssuedCertificate issued;
        try {
            issued = issuance.issue(new IssuanceRequest(dns.get(0), dns, names.ipAddresses(), "server", "ecdsa-p256",
                    settings.certificateDays(), null), ACTOR);
        } catch (RequestRejectedException e) {
            throw new StartRefusedException("cannot issue the HTTPS certificate for " + dns + " " + names.ipAddresses()
                    + ": " + e.getMessage() + "; fix INKAN_PUBLIC_NAMES (a comma list of DNS names and IP addresses)");
        }
        int updated = jdbc.sql("UPDATE setting SET setting_value = ? WHERE setting_name = ?").params(Long.toString(issued.id()), SETTING).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO setting (setting_name, setting_value) VALUES (?, ?)").params(SETTING, Long.toString(issued.id())).update();
        }
        return records.bundle(issued.id());
    }

    /**
     * The key store Tomcat reads: JKS, in memory only. The default type, PKCS#12, encrypts the key with
     * 10,000 PBKDF2 rounds on every put and get, and Tomcat puts and gets it four times while it binds
     * the port: 0.5-1 s of a start before the JIT compiles SHA-256 (bench/RESULTS.md, "Start-up: where the
     * time went"). Nothing is written: the key's protection at rest is the master key's sealing.
     */
    private static SslBundle sslBundle(CertificateBundle bundle) {
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(bundle.certificate());
        chain.addAll(bundle.chain());
        String password = UUID.randomUUID().toString();
        return SslBundle.of(new PemSslStoreBundle(PemSslStore.of("JKS", BUNDLE, password, chain, bundle.privateKey()), null),
                SslBundleKey.of(password, BUNDLE));
    }

    private static String serial(CertificateBundle bundle) {
        return bundle.certificate().getSerialNumber().toString(16);
    }

    @Override
    public void destroy() {
        if (renewals != null) {
            renewals.shutdownNow();
        }
    }
}
