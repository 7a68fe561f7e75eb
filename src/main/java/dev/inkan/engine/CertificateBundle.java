package dev.inkan.engine;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A leaf certificate with its chain and, when known, its private key; immutable and checked on
 * construction (each certificate is issued by the next one's subject, the key belongs to the
 * leaf). Converts itself to the forms servers and clients consume.
 *
 * @param certificate the leaf
 * @param chain       the issuing CAs, leaf's issuer first, ending with the root
 * @param privateKey  the leaf's key, or null when the key is not held (CSR signing, deleted key)
 */
public record CertificateBundle(X509Certificate certificate, List<X509Certificate> chain, PrivateKey privateKey) {

    public CertificateBundle {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a bundle needs at least the issuing CA");
        }
        X509Certificate child = certificate;
        for (X509Certificate issuer : chain) {
            if (!child.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                throw new IllegalArgumentException("the chain is out of order: '" + child.getSubjectX500Principal()
                        + "' is not issued by '" + issuer.getSubjectX500Principal() + "'");
            }
            child = issuer;
        }
        if (privateKey != null && !KeyPairs.matches(privateKey, certificate.getPublicKey())) {
            throw new IllegalArgumentException("the private key does not belong to the certificate");
        }
    }

    public Optional<PrivateKey> key() {
        return Optional.ofNullable(privateKey);
    }

    /** The root CA: what clients must trust. */
    public X509Certificate root() {
        return chain.get(chain.size() - 1);
    }

    /** cert.pem: the leaf alone. */
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** chain.pem: the issuing CAs, leaf's issuer first, root included. */
    public String chainPem() {
        return Pem.encode(chain);
    }

    /** fullchain.pem: the leaf then its chain, what nginx's {@code ssl_certificate} wants. */
    public String fullChainPem() {
        return Pem.encode(certificate) + Pem.encode(chain);
    }

    /** key.pem: the leaf's unencrypted PKCS#8 key (to be written 0600). */
    public String privateKeyPem() {
        return Pem.encode(key().orElseThrow(() -> new IllegalStateException("this bundle holds no private key")));
    }

    /** cert.p12: key, leaf and chain under a password. */
    public byte[] toPkcs12(String alias, char[] password, Pkcs12.Encryption encryption) {
        PrivateKey key = key().orElseThrow(() -> new IllegalStateException("a PKCS#12 needs the private key, which is not held"));
        List<X509Certificate> all = new java.util.ArrayList<>(chain.size() + 1);
        all.add(certificate);
        all.addAll(chain);
        return Pkcs12.keyStore(alias, key, all, password, encryption);
    }
}
