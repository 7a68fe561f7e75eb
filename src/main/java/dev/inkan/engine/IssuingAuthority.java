package dev.inkan.engine;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A CA as the engine sees it: its certificate, its chain up to the root, and a way to sign.
 * The engine never holds the CA's key itself, so the key may live in a file, in memory or in a
 * PKCS#11 token, behind {@link #newSigner()}.
 */
public interface IssuingAuthority {

    /** The CA's own certificate. */
    X509Certificate certificate();

    /** The CA's certificate first, then each issuer up to and including the root. */
    List<X509Certificate> chain();

    /** The type of the CA's key, which fixes the signature algorithm. */
    KeyType keyType();

    /** A fresh signer for one certificate; a {@link ContentSigner} is stateful and not shared between threads. */
    ContentSigner newSigner();

    /**
     * Where the certificates this authority signs point for revocation (CRL distribution point, AIA);
     * asked at every issuance, so a change of the CA's switches applies to the next certificate.
     */
    default RevocationUrls revocationUrls() {
        return RevocationUrls.NONE;
    }

    /** An authority whose key is in memory, e.g. decrypted from a PEM file; it puts no revocation URLs into what it signs. */
    static IssuingAuthority of(List<X509Certificate> chain, PrivateKey key) {
        return of(chain, key, () -> RevocationUrls.NONE);
    }

    /** An authority whose key is in memory, putting the URLs {@code urls} supplies (asked at each issuance) into every certificate it signs. */
    static IssuingAuthority of(List<X509Certificate> chain, PrivateKey key, Supplier<RevocationUrls> urls) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an issuing authority needs its certificate");
        }
        X509Certificate certificate = chain.get(0);
        KeyType type = KeyType.of(certificate.getPublicKey()).orElseThrow(() -> new PolicyViolationException(Field.CA_CERTIFICATE,
                "the CA's key is an " + KeyType.describe(certificate.getPublicKey()) + ", which Inkan does not sign with; use a CA key of "
                        + KeyType.names()));
        return new InMemoryAuthority(List.copyOf(chain), type, key, urls);
    }

    /** A content signer for a private key of the given type. */
    static ContentSigner signer(KeyType type, PrivateKey key) {
        try {
            return CryptoProviders.contentSigner(type.signatureAlgorithm()).build(key);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with a " + type.displayName() + " key", e);
        }
    }
}
