package dev.inkan.engine;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * A PKCS#10 certificate signing request (RFC 2986) whose signature has been verified, reduced to
 * what Inkan takes from it: the public key, the CN and the requested DNS/IP names. Everything
 * else a CSR asks for is ignored, and a request for CA rights (basicConstraints CA:TRUE or
 * keyCertSign) is refused outright: CA certificates are made only through the CA API.
 */
public record SigningRequest(String commonName, List<String> dnsNames, List<String> ipAddresses,
                             PublicKey publicKey, KeyType keyType, PKCS10CertificationRequest encoded) {

    /** A CSR is a few hundred bytes to a few KiB; anything far larger is refused before parsing. */
    public static final int MAX_PEM_LENGTH = 64 * 1024;

    /** Parses a PEM CSR and verifies its self-signature (proof of possession of the key). */
    public static SigningRequest parse(String field, String pem) {
        if (pem != null && pem.length() > MAX_PEM_LENGTH) {
            throw new InvalidInputException(field, "the CSR is " + pem.length() + " characters; a CSR is at most "
                    + MAX_PEM_LENGTH + " characters");
        }
        return of(field, Pem.readCertificationRequest(field, pem));
    }

    /**
     * Checks the CSR's self-signature over its CertificationRequestInfo (RFC 2986 §4.2) once. Bouncy Castle's
     * {@code JcaContentVerifierProviderBuilder} verifies every signature twice (a second "raw" NONEwithECDSA/RSA
     * verify for PKCS#11 sessions, its result ignored): two public-key operations, the dearest step of signing a
     * CSR (issue 12's profile: 68% of the request thread's CPU). RSASSA-PSS, whose parameters a plain algorithm
     * name cannot carry, keeps Bouncy Castle's path.
     */
    static boolean signatureVerifies(PKCS10CertificationRequest request, PublicKey key)
            throws OperatorCreationException, PKCSException, java.security.GeneralSecurityException, IOException {
        AlgorithmIdentifier algorithm = request.getSignatureAlgorithm();
        if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(algorithm.getAlgorithm())) {
            return request.isSignatureValid(new JcaContentVerifierProviderBuilder().setProvider(CryptoProviders.bouncyCastle()).build(key));
        }
        java.security.Signature verifier = java.security.Signature.getInstance(
                new org.bouncycastle.operator.DefaultAlgorithmNameFinder().getAlgorithmName(algorithm), CryptoProviders.bouncyCastle());
        verifier.initVerify(key);
        verifier.update(request.toASN1Structure().getCertificationRequestInfo().getEncoded(org.bouncycastle.asn1.ASN1Encoding.DER));
        return verifier.verify(request.getSignature());
    }

    /** Verifies a decoded CSR. */
    public static SigningRequest of(String field, PKCS10CertificationRequest request) {
        PublicKey key;
        try {
            JcaPKCS10CertificationRequest jca = new JcaPKCS10CertificationRequest(request).setProvider(CryptoProviders.bouncyCastle());
            key = jca.getPublicKey();
            if (!signatureVerifies(request, key)) {
                throw new InvalidInputException(field, "the CSR's signature does not verify with its own public key:"
                        + " it was altered or forged; generate the CSR again with the private key");
            }
        } catch (OperatorCreationException | PKCSException | java.security.GeneralSecurityException | IOException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(field, "the CSR's key or signature cannot be read: " + e.getMessage());
        }
        KeyType type = KeyType.of(key).orElseThrow(() -> new PolicyViolationException(field,
                "the CSR's key is an " + KeyType.describe(key) + ", which Inkan does not certify; make the CSR with a key"
                        + " of one of " + KeyType.names() + " (e.g. openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256)"));
        refuseWeakSignature(field, request);
        Extensions extensions = requestedExtensions(request);
        refuseCaRights(field, extensions);
        List<String> dns = new java.util.ArrayList<>();
        List<String> ips = new java.util.ArrayList<>();
        if (extensions != null && extensions.getExtension(Extension.subjectAlternativeName) != null) {
            for (SubjectAltNames.Name name : SubjectAltNames.decode(GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName))) {
                switch (name.kind()) {
                    case DNS -> dns.add(name.value());
                    case IP -> ips.add(name.value());
                    default -> { /* e-mail and URI SANs are not taken from a CSR */ }
                }
            }
        }
        return new SigningRequest(commonName(request.getSubject()), List.copyOf(dns), List.copyOf(ips), key, type, request);
    }

    /** A CSR for the key pair and names of {@code spec}, as {@code openssl req} would write it (omgwtfssl's key.csr). */
    public static PKCS10CertificationRequest create(KeyPair keyPair, LeafSpec spec) {
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, spec.commonName()).build();
            KeyType type = KeyType.of(keyPair.getPublic()).orElseThrow();
            var builder = new JcaPKCS10CertificationRequestBuilder(subject, keyPair.getPublic());
            if (!spec.names().isEmpty()) { // RFC 5280 §4.2.1.6: never an empty subjectAltName
                ExtensionsGenerator extensions = new ExtensionsGenerator();
                extensions.addExtension(Extension.subjectAlternativeName, false, spec.names().toGeneralNames());
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
            }
            return builder.build(IssuingAuthority.signer(type, keyPair.getPrivate()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a CSR", e);
        }
    }

    /** Signature algorithms whose hash is broken for signatures (MD5: RFC 6151; SHA-1: SHAttered, RFC 9155). */
    private static final java.util.Set<String> WEAK_SIGNATURES = java.util.Set.of(
            PKCSObjectIdentifiers.md2WithRSAEncryption.getId(), PKCSObjectIdentifiers.md4WithRSAEncryption.getId(),
            PKCSObjectIdentifiers.md5WithRSAEncryption.getId(), PKCSObjectIdentifiers.sha1WithRSAEncryption.getId(),
            org.bouncycastle.asn1.x9.X9ObjectIdentifiers.ecdsa_with_SHA1.getId(),
            org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_dsa_with_sha1.getId());

    private static void refuseWeakSignature(String field, PKCS10CertificationRequest request) {
        AlgorithmIdentifier signature = request.getSignatureAlgorithm();
        String oid = signature.getAlgorithm().getId();
        boolean weak = WEAK_SIGNATURES.contains(oid);
        if (signature.getAlgorithm().equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            // RFC 4055 §3.1: absent hash parameters mean SHA-1
            var parameters = org.bouncycastle.asn1.pkcs.RSASSAPSSparams.getInstance(signature.getParameters());
            var hash = parameters == null ? org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1 : parameters.getHashAlgorithm().getAlgorithm();
            weak = hash.equals(org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)
                    || hash.equals(PKCSObjectIdentifiers.md5);
        }
        if (weak) {
            String name = new org.bouncycastle.operator.DefaultAlgorithmNameFinder().getAlgorithmName(signature);
            throw new PolicyViolationException(field, "the CSR is signed with " + name + " (MD5 and SHA-1 signatures can be"
                    + " forged); re-create the CSR with SHA-256: openssl req -new -sha256 ...");
        }
    }

    private static Extensions requestedExtensions(PKCS10CertificationRequest request) {
        for (Attribute attribute : request.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            ASN1Encodable[] values = attribute.getAttrValues().toArray();
            if (values.length > 0) {
                return Extensions.getInstance(values[0]);
            }
        }
        return null;
    }

    private static void refuseCaRights(String field, Extensions extensions) {
        if (extensions == null) {
            return;
        }
        BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
        KeyUsage usage = KeyUsage.fromExtensions(extensions);
        if ((constraints != null && constraints.isCA()) || (usage != null && usage.hasUsages(KeyUsage.keyCertSign))) {
            throw new PolicyViolationException(field, "the CSR asks for CA rights (basicConstraints CA:TRUE or keyCertSign);"
                    + " a CSR cannot make a CA: create an intermediate CA through the CA API instead");
        }
    }

    private static String commonName(X500Name subject) {
        RDN[] cn = subject.getRDNs(BCStyle.CN);
        if (cn.length == 0) {
            return null;
        }
        ASN1Encodable value = cn[0].getFirst().getValue();
        return value instanceof ASN1String text ? text.getString() : IETFUtils.valueToString(value);
    }
}
