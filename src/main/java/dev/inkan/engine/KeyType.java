package dev.inkan.engine;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Every key-type choice Inkan offers, with its parameters and the signature algorithm a key of
 * that type signs with.
 *
 * <p>The default is {@link #EC_P256}: accepted by every browser and TLS stack, 128-bit strength,
 * and key generation thousands of times faster than RSA. RSA stays for old clients and for
 * omgwtfssl compatibility (its default is RSA 2048). Ed25519 is offered for client certificates
 * only: no browser accepts it in a TLS server certificate (Chrome, Firefox and Safari have no
 * Ed25519 TLS signature support for certificates).
 */
public enum KeyType {
    /** ECDSA on NIST P-256 (secp256r1) with SHA-256; ~128-bit strength. The default. */
    EC_P256("ecdsa-p256", "ECDSA P-256", "EC", 256, "SHA256withECDSA"),
    /** ECDSA on NIST P-384 (secp384r1) with SHA-384; ~192-bit strength. */
    EC_P384("ecdsa-p384", "ECDSA P-384", "EC", 384, "SHA384withECDSA"),
    /** RSA 2048 with SHA-256 (PKCS#1 v1.5); ~112-bit strength, the minimum browsers accept. */
    RSA_2048("rsa-2048", "RSA 2048", "RSA", 2048, "SHA256withRSA"),
    /** RSA 3072 with SHA-256; ~128-bit strength. */
    RSA_3072("rsa-3072", "RSA 3072", "RSA", 3072, "SHA256withRSA"),
    /** RSA 4096 with SHA-256; ~140-bit strength, slow to generate (seconds). */
    RSA_4096("rsa-4096", "RSA 4096", "RSA", 4096, "SHA256withRSA"),
    /** Ed25519 (RFC 8410); client certificates only: browsers refuse it for TLS servers. */
    ED25519("ed25519", "Ed25519", "Ed25519", 255, "Ed25519");

    private final String id;
    private final String displayName;
    private final String algorithm;
    private final int bits;
    private final String signatureAlgorithm;

    KeyType(String id, String displayName, String algorithm, int bits, String signatureAlgorithm) {
        this.id = id;
        this.displayName = displayName;
        this.algorithm = algorithm;
        this.bits = bits;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The canonical name used in the API, the UI and {@code KEY_TYPE}: {@code ecdsa-p256}. */
    public String id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    /** The JCA key algorithm: EC, RSA or Ed25519. */
    public String algorithm() {
        return algorithm;
    }

    public int bits() {
        return bits;
    }

    /** The JCA signature algorithm a key of this type signs certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public boolean isRsa() {
        return algorithm.equals("RSA");
    }

    /** Whether browsers accept this key (and its signatures) in a TLS server certificate chain. */
    public boolean acceptedByBrowsers() {
        return this != ED25519;
    }

    /** Generates a fresh key pair from the engine's CSPRNG (RSA: {@link RsaKeyGeneration}). */
    public KeyPair generate() {
        return switch (this) {
            case EC_P256 -> fromProvider(new ECGenParameterSpec("secp256r1"));
            case EC_P384 -> fromProvider(new ECGenParameterSpec("secp384r1"));
            case ED25519 -> fromProvider(null); // Ed25519 takes no parameters
            case RSA_2048, RSA_3072, RSA_4096 -> RsaKeyGeneration.generate(bits, CryptoProviders.random());
        };
    }

    /** A key pair from the provider's generator, initialised with {@code parameters} unless they are null. */
    private KeyPair fromProvider(AlgorithmParameterSpec parameters) {
        try {
            KeyPairGenerator generator = CryptoProviders.keyPairGenerator(algorithm);
            if (parameters != null) {
                generator.initialize(parameters, CryptoProviders.random());
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + displayName + " key", e);
        }
    }

    /**
     * Parses a key-type name as users write it: {@code ecdsa-p256}, {@code EC_P256}, {@code p256},
     * {@code ecdsa}, {@code rsa}, {@code rsa4096}, {@code RSA-2048}, {@code ed25519}.
     */
    public static KeyType parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return EC_P256;
        }
        String key = text.trim().toLowerCase(Locale.ROOT).replaceAll("[-_ ]", "");
        return switch (key) {
            case "ecdsap256", "ecp256", "p256", "ecdsa", "ec", "secp256r1", "prime256v1" -> EC_P256;
            case "ecdsap384", "ecp384", "p384", "secp384r1" -> EC_P384;
            case "rsa2048", "rsa" -> RSA_2048;
            case "rsa3072" -> RSA_3072;
            case "rsa4096" -> RSA_4096;
            case "ed25519", "eddsa" -> ED25519;
            default -> throw new InvalidInputException(field, "unknown key type '" + RequestRejectedException.abbreviate(text)
                    + "'; use one of " + names());
        };
    }

    /**
     * The key type of {@code key}, read from its SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) so that the
     * classification is exact: rsaEncryption (RFC 8017; not RSASSA-PSS keys) of exactly 2048, 3072 or
     * 4096 bits, id-ecPublicKey with the named curve secp256r1 or secp384r1 (RFC 5480 §2.1.1; not
     * explicit curve parameters, secp256k1 or Brainpool), or Ed25519 (RFC 8410). Anything else is empty.
     */
    public static Optional<KeyType> of(PublicKey key) {
        SubjectPublicKeyInfo info = info(key);
        if (info == null) {
            return Optional.empty();
        }
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption) && key instanceof RSAPublicKey rsa) {
            int size = rsa.getModulus().bitLength();
            return Arrays.stream(values()).filter(t -> t.isRsa() && t.bits == size).findFirst();
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            ASN1Encodable parameters = info.getAlgorithm().getParameters();
            if (SECObjectIdentifiers.secp256r1.equals(parameters)) {
                return Optional.of(EC_P256);
            }
            return SECObjectIdentifiers.secp384r1.equals(parameters) ? Optional.of(EC_P384) : Optional.empty();
        }
        return algorithm.equals(EdECObjectIdentifiers.id_Ed25519) ? Optional.of(ED25519) : Optional.empty();
    }

    /**
     * What {@code key} is, for a message that names a refused key: {@code "EC key on curve secp256k1 (1.3.132.0.10)"},
     * {@code "RSA-PSS key (1.2.840.113549.1.1.10)"}, {@code "RSA 1024 key"}, {@code "EC key with explicit curve parameters"}.
     */
    public static String describe(PublicKey key) {
        SubjectPublicKeyInfo info = info(key);
        if (info == null) {
            return key.getAlgorithm() + " key";
        }
        ASN1ObjectIdentifier algorithm = info.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA " + (key instanceof RSAPublicKey rsa ? rsa.getModulus().bitLength() : "?") + "-bit key";
        }
        if (algorithm.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            return "RSA-PSS key (" + algorithm.getId() + ")";
        }
        if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            ASN1Encodable parameters = info.getAlgorithm().getParameters();
            if (parameters instanceof ASN1ObjectIdentifier curve) {
                String name = ECNamedCurveTable.getName(curve);
                return "EC key on curve " + (name == null ? "" : name + " ") + "(" + curve.getId() + ")";
            }
            return "EC key with explicit curve parameters (only named curves are accepted, RFC 5480 §2.1.1)";
        }
        return key.getAlgorithm() + " key (" + algorithm.getId() + ")";
    }

    private static SubjectPublicKeyInfo info(PublicKey key) {
        try {
            byte[] encoded = key.getEncoded();
            return encoded == null ? null : SubjectPublicKeyInfo.getInstance(encoded);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The canonical names, comma separated, for error messages and help. */
    public static String names() {
        return Arrays.stream(values()).map(KeyType::id).collect(Collectors.joining(", "));
    }
}
