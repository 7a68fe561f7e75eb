package dev.inkan.engine;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;
import org.bouncycastle.operator.ContentSigner;

/**
 * An {@link IssuingAuthority} whose key is in memory (decrypted from the database or a PEM file). Package-private,
 * so nothing outside the engine can reach the key through it; its {@code toString} names the CA, never the key.
 */
record InMemoryAuthority(List<X509Certificate> chain, KeyType keyType, PrivateKey key, Supplier<RevocationUrls> urls)
        implements IssuingAuthority {

    @Override
    public X509Certificate certificate() {
        return chain.get(0);
    }

    @Override
    public ContentSigner newSigner() {
        return IssuingAuthority.signer(keyType, key);
    }

    @Override
    public RevocationUrls revocationUrls() {
        return urls.get();
    }

    @Override
    public String toString() {
        return "IssuingAuthority[" + certificate().getSubjectX500Principal() + ", " + keyType.id() + "]";
    }
}
