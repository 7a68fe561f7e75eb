package dev.inkan.authority;

import dev.inkan.cluster.ClusterLock;
import dev.inkan.engine.ConflictException;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.CaCertificateCheck;
import dev.inkan.engine.CertificateDescription;
import dev.inkan.engine.CertificateIssuer;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.IssuingAuthority;
import dev.inkan.engine.KeyType;
import dev.inkan.engine.NameConstraintPolicy;
import dev.inkan.engine.Pem;
import dev.inkan.engine.PolicyViolationException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CAs of this instance: create roots and intermediates, import existing CAs, list and show them,
 * and hand the issuance service a ready signer. A CA key is decrypted once and then kept in memory,
 * so issuing never pays for key decryption; the cache is checked against the table's generation on
 * every use, so a CA changed by another instance on the same database is reloaded at once.
 */
@Service
public class CertificateAuthorityService {

    /**
     * A CA ready to sign: its public view, the engine's signer, its chain as PEM (CA first, root last) and,
     * when it or an issuer above it was revoked, that revocation (null while the whole chain stands). The
     * verdict is read when the CA is loaded; revoking a CA advances the table's generation, so every
     * instance reloads it.
     */
    public record ActiveCa(CertificateAuthority view, IssuingAuthority authority, String chainPem, CaRevocation revocation) {
        public long id() {
            return view.id();
        }
    }

    private final CertificateAuthorityStore store;
    private final AuditTrail audit;
    private final MasterKey masterKey;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ObjectProvider<PublicationPoints> publication;
    private final ObjectProvider<RevokedAuthorities> revoked;
    /** The resolved {@link #publication}: a bean-factory lookup per issuance showed in issue 12's profile. */
    private volatile PublicationPoints publicationPoints;
    private final ClusterLock clusterLock;
    /** A cached signer and the table generation it was loaded at (read before loading). */
    private record Cached(long generation, ActiveCa ca) {}

    private record DefaultId(long generation, long id) {}

    private final Map<Long, Cached> active = new ConcurrentHashMap<>();
    private volatile DefaultId defaultId;

    /** A service whose CAs put no revocation URLs into what they sign (tests, tools). */
    public CertificateAuthorityService(CertificateAuthorityStore store, AuditTrail audit, MasterKey masterKey,
                                       TransactionTemplate transactions, Clock clock, ClusterLock clusterLock) {
        this(store, audit, masterKey, transactions, clock, clusterLock, null, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    public CertificateAuthorityService(CertificateAuthorityStore store, AuditTrail audit, MasterKey masterKey,
                                       TransactionTemplate transactions, Clock clock, ClusterLock clusterLock,
                                       ObjectProvider<PublicationPoints> publication, ObjectProvider<RevokedAuthorities> revoked) {
        this.publication = publication;
        this.revoked = revoked;
        this.store = store;
        this.audit = audit;
        this.masterKey = masterKey;
        this.transactions = transactions;
        this.clock = clock;
        this.clusterLock = clusterLock;
    }

    public List<CertificateAuthority> list() {
        return store.list();
    }

    public CertificateAuthority get(long id) {
        return store.find(id).orElseThrow(() -> unknown("id", id));
    }

    /** The CA that issues when a request names none; its certificate is what {@code GET /ca.pem} serves. Its key stays sealed. */
    public CertificateAuthority defaultAuthority() {
        return get(defaultId(store.generation()));
    }

    /** CA {@code id}'s certificate then its issuers up to the root, read without opening its key (chains are public). */
    public List<X509Certificate> chain(long id) {
        return Pem.readCertificates("chainPem", get(id).chainPem());
    }

    /**
     * Creates the default root CA on first start; does nothing when any CA exists. Several nodes started at
     * once on the same database make one CA, not one each.
     */
    public void ensureDefaultAuthority(String name) {
        // nodes starting together on one new database: one makes it, the others wait in the lock for its
        // commit and then find it, so no node serves (or announces its trust bootstrap) before a default CA exists
        clusterLock.runExclusivelyWaiting("default-ca", java.time.Duration.ofMinutes(5), () -> {
            if (store.count() == 0) {
                create(CreateCaRequest.root(name), "system", true);
            }
        });
    }

    /** Creates a root CA, or an intermediate when {@code request.parentId()} is set. */
    public CertificateAuthority create(CreateCaRequest request, String actor) {
        return create(request, actor, false);
    }

    private CertificateAuthority create(CreateCaRequest request, String actor, boolean makeDefault) {
        CreateCaRequest.Valid valid = request.validate();
        Instant now = clock.instant();
        KeyPair keyPair = valid.keyType().generate();
        List<X509Certificate> chain = new ArrayList<>();
        Long parentId = valid.parentId();
        if (parentId == null) {
            chain.add(CertificateIssuer.selfSignedRoot(valid.spec(), keyPair, now));
        } else {
            ActiveCa parent = forSigningField("parentId", parentId);
            int parentPathLength = parent.authority().certificate().getBasicConstraints();
            if (parentPathLength == 0) {
                throw new PolicyViolationException("parentId", "the CA '" + parent.view().name() + "' has path length 0:"
                        + " it may sign only leaf certificates; create the intermediate under a root instead");
            }
            chain.add(CertificateIssuer.intermediate(valid.spec(), keyPair.getPublic(), parent.authority(), now));
            chain.addAll(parent.authority().chain());
        }
        CaKind kind = parentId == null ? CaKind.ROOT : CaKind.INTERMEDIATE;
        var constraints = valid.spec().constraints();
        return save(chain, keyPair.getPrivate(), valid.spec().commonName(), kind, parentId, constraints.dnsDomains(),
                constraints.ipRanges(), makeDefault, now, actor, AuditAction.CA_CREATED);
    }

    /** Imports an existing CA after checking it can sign (engine {@link CaCertificateCheck}) and completing its chain. */
    public CertificateAuthority importAuthority(ImportCaRequest request, String actor) {
        request.validate();
        Instant now = clock.instant();
        List<X509Certificate> given = Pem.readCertificates("certificatePem", request.certificatePem());
        PrivateKey key = Pem.readPrivateKey("privateKeyPem", request.privateKeyPem(),
                request.keyPassword() == null ? null : request.keyPassword().toCharArray());
        X509Certificate certificate = given.get(0);
        CaCertificateCheck.requireUsable("certificatePem", certificate, key, now);
        if (store.existsWithFingerprint(fingerprint(certificate))) {
            throw new ConflictException("certificatePem", "this CA is already held here; see GET /api/v1/cas");
        }
        List<X509Certificate> chain = completeChain(given);
        Long parentId = chain.size() > 1 ? store.findBySubject(chain.get(1).getSubjectX500Principal().getName()).orElse(null) : null;
        String name = request.name() != null ? request.name().strip() : commonName(certificate);
        NameConstraintPolicy constraints = NameConstraintPolicy.from(certificate);
        return save(chain, key, name, CaKind.IMPORTED, parentId, constraints.dnsDomains(), constraints.ipRanges(), false, now, actor, AuditAction.CA_IMPORTED);
    }

    /** The CA that signs for a request: {@code caId}, or the default CA when null. Cached after the first use. */
    public ActiveCa forIssuing(Long caId) {
        return forIssuingField("caId", caId);
    }

    /**
     * The CA that signs a new certificate for a request, as {@link #forIssuing}, refused (409) when it or an issuer
     * above it has expired or was revoked: nothing it signed could then pass path validation (RFC 5280 §6.1.3).
     * A CA that stands no longer still signs CRLs and OCSP answers about what it issued ({@link #forIssuing}).
     */
    public ActiveCa forSigning(Long caId) {
        return forSigningField("caId", caId);
    }

    private ActiveCa forSigningField(String field, Long caId) {
        ActiveCa ca = forIssuingField(field, caId);
        Instant now = clock.instant();
        for (X509Certificate certificate : ca.authority().chain()) {
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                throw new ConflictException(field, "the CA '" + ca.view().name() + "' cannot sign: " + (certificate == ca.authority()
                        .certificate() ? "its certificate" : "its issuer '" + certificate.getSubjectX500Principal().getName() + "'")
                        + " expired on " + certificate.getNotAfter().toInstant() + "; issue from another CA (GET /api/v1/cas) or create a new one");
            }
        }
        CaRevocation revocation = ca.revocation();
        if (revocation != null) {
            throw new ConflictException(field, "the CA '" + ca.view().name() + "' cannot sign: " + (revocation.caId() == ca.id()
                    ? "its certificate" : "its issuer, CA " + revocation.caId() + ",") + " was revoked (" + revocation.reason() + ") at "
                    + revocation.revokedAt() + "; issue from another CA (GET /api/v1/cas) or create a new intermediate");
        }
        return ca;
    }

    private ActiveCa forIssuingField(String field, Long caId) {
        long generation = store.generation();
        long id = caId != null ? caId : defaultId(generation);
        Cached cached = active.get(id);
        if (cached != null && cached.generation() == generation) {
            return cached.ca();
        }
        return active.compute(id, (key, old) -> old != null && old.generation() == generation ? old
                : new Cached(generation, load(field, key))).ca();
    }

    private long defaultId(long generation) {
        DefaultId cached = defaultId;
        if (cached == null || cached.generation() != generation) {
            long id = store.defaultId().orElseGet(() -> store.list().stream().filter(c -> c.kind() == CaKind.ROOT)
                    .map(CertificateAuthority::id).findFirst().orElseThrow(() -> new NotFoundException("caId",
                            "this instance holds no CA yet; create one with POST /api/v1/cas")));
            cached = new DefaultId(generation, id);
            defaultId = cached;
        }
        return cached.id();
    }

    private ActiveCa load(String field, long id) {
        CertificateAuthority view = store.find(id).orElseThrow(() -> unknown(field, id));
        List<X509Certificate> chain = Pem.readCertificates("chainPem", view.chainPem());
        byte[] pkcs8 = masterKey.open(store.sealedKey(id), view.fingerprintSha256());
        PrivateKey key = Pem.readPrivateKey("key", new String(pkcs8, java.nio.charset.StandardCharsets.US_ASCII), null);
        java.util.Arrays.fill(pkcs8, (byte) 0);
        return new ActiveCa(view, publishing(id, chain, key), view.chainPem(), revocation(view));
    }

    /** The revocation of CA {@code view} or of the nearest issuer above it that was revoked; null while all stand. */
    private CaRevocation revocation(CertificateAuthority view) {
        RevokedAuthorities revocations = revoked == null ? null : revoked.getIfAvailable();
        for (CertificateAuthority ca = view; revocations != null && ca != null;
             ca = ca.parentId() == null ? null : store.find(ca.parentId()).orElse(null)) {
            var revocation = revocations.revocationOf(ca.id());
            if (revocation.isPresent()) {
                return revocation.get();
            }
        }
        return null;
    }

    /**
     * Call inside the transaction that revokes a CA: it advances this table's generation, so every instance
     * reloads its CAs and neither the revoked CA nor any below it signs again (see {@link #forSigning}).
     */
    public void standingChanged() {
        store.advanceGeneration();
    }

    private CertificateAuthority save(List<X509Certificate> chain, PrivateKey key, String name, CaKind kind, Long parentId,
                                      List<String> dns, List<String> ips, boolean makeDefault, Instant now, String actor, AuditAction action) {
        X509Certificate certificate = chain.get(0);
        String fingerprint = fingerprint(certificate);
        String chainPem = Pem.encode(chain);
        KeyType keyType = KeyType.of(certificate.getPublicKey()).orElseThrow();
        var row = new CertificateAuthorityStore.NewCa(name, kind, parentId, certificate.getSubjectX500Principal().getName(),
                certificate.getSerialNumber().toString(16), keyType.id(), certificate.getNotBefore().toInstant(),
                certificate.getNotAfter().toInstant(), fingerprint, dns, ips, chainPem, makeDefault, now, actor);
        byte[] sealed = masterKey.seal(Pem.encode(key).getBytes(java.nio.charset.StandardCharsets.US_ASCII), fingerprint);
        long id = transactions.execute(status -> {
            long newId = store.insert(row, sealed);
            audit.record(now, actor, action, newId, null, kind.id() + " CA '" + name + "' " + row.subject());
            return newId;
        });
        CertificateAuthority view = get(id);
        active.put(id, new Cached(store.generation(), new ActiveCa(view, publishing(id, chain, key), chainPem,
                revocation(view))));
        return view;
    }

    /** The authority, with the revocation URLs of CA {@code id} in every certificate it signs (asked at each issuance). */
    private IssuingAuthority publishing(long id, List<X509Certificate> chain, PrivateKey key) {
        return IssuingAuthority.of(chain, key, () -> {
            PublicationPoints points = publicationPoints;
            if (points == null && publication != null) {
                points = publication.getIfAvailable();
                publicationPoints = points;
            }
            return points == null ? dev.inkan.engine.RevocationUrls.NONE : points.urlsFor(id);
        });
    }

    /** The certificates given, then the issuers this instance holds, until a self-signed root. */
    private List<X509Certificate> completeChain(List<X509Certificate> given) {
        List<X509Certificate> chain = new ArrayList<>(given);
        for (int i = 0; i + 1 < chain.size(); i++) {
            if (!issuedBy(chain.get(i), chain.get(i + 1))) {
                throw new InvalidInputException("certificatePem", "certificate " + (i + 2) + " in certificatePem did not issue certificate "
                        + (i + 1) + "; give the CA certificate first, then each issuer up to the root");
            }
        }
        X509Certificate last = chain.get(chain.size() - 1);
        if (!issuedBy(last, last)) {
            String issuer = last.getIssuerX500Principal().getName();
            ActiveCa parent = store.findBySubject(issuer).map(id -> forIssuing(id)).filter(p -> issuedBy(last, p.authority().certificate()))
                    .orElseThrow(() -> new InvalidInputException("certificatePem", "the CA certificate is issued by '" + issuer
                            + "', which this instance does not hold; append the issuing CA certificates up to the root to certificatePem"));
            chain.addAll(parent.authority().chain());
        }
        return chain;
    }

    private static boolean issuedBy(X509Certificate child, X509Certificate issuer) {
        if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
            return false;
        }
        try {
            child.verify(issuer.getPublicKey(), dev.inkan.engine.CryptoProviders.bouncyCastle());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return dev.inkan.engine.CertificateDescription.digestHex("SHA-256", certificate.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String commonName(X509Certificate certificate) {
        String cn = CertificateDescription.of(certificate).subject();
        for (String part : cn.split(",")) {
            if (part.startsWith("CN=")) {
                String value = part.substring(3);
                return value.length() > 64 ? value.substring(0, 64) : value;
            }
        }
        return "Imported CA";
    }

    private static NotFoundException unknown(String field, long id) {
        return new NotFoundException(field, "no CA with id " + id + "; list the CAs with GET /api/v1/cas");
    }
}
