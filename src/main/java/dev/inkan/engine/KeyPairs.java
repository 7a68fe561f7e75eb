package dev.inkan.engine;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Optional;

/** Checks on key material that arrives from outside: does this private key belong to that certificate? */
public final class KeyPairs {
    private KeyPairs() {}

    /** True when {@code privateKey} is the private half of {@code publicKey} (proved by a test signature). */
    public static boolean matches(PrivateKey privateKey, PublicKey publicKey) {
        Optional<KeyType> type = KeyType.of(publicKey);
        if (type.isEmpty() || !privateKey.getAlgorithm().equalsIgnoreCase(publicKey.getAlgorithm())
                && !(privateKey.getAlgorithm().startsWith("Ed") && publicKey.getAlgorithm().startsWith("Ed"))
                && !(privateKey.getAlgorithm().startsWith("EC") && publicKey.getAlgorithm().startsWith("EC"))) {
            return false;
        }
        try {
            byte[] challenge = new byte[32];
            CryptoProviders.random().nextBytes(challenge);
            Signature signer = CryptoProviders.signature(type.get().signatureAlgorithm());
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = CryptoProviders.signature(type.get().signatureAlgorithm());
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
