package dev.inkan.engine;

import java.security.Provider;
import java.security.SecureRandom;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance the engine uses. It is passed explicitly to every JCA
 * call rather than registered globally, so the JVM's own providers stay untouched and no
 * by-name provider look-up happens on the hot path.
 */
public final class BouncyCastle {
    public static final Provider PROVIDER = new BouncyCastleProvider();

    private static final SecureRandom RANDOM = new SecureRandom();

    private BouncyCastle() {}

    /** The CSPRNG used for keys and serial numbers (thread-safe). */
    public static SecureRandom random() {
        return RANDOM;
    }
}
