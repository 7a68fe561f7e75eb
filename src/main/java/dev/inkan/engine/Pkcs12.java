package dev.inkan.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.bc.BcPKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;

/**
 * PKCS#12 (RFC 7292) files with a caller-chosen password.
 *
 * <p>{@link Encryption#MODERN} is what OpenSSL 3 and JDK 17+ write, and is written by the JDK's own
 * PKCS12 KeyStore: PBES2 with AES-256-CBC and PBKDF2-HMAC-SHA256, MAC HMAC-SHA256, 10,000
 * iterations (the JDK's defaults since 17, JDK-8153005). {@link Encryption#LEGACY} uses 3DES and a
 * SHA-1 MAC, for importers that know nothing newer (Windows before Server 2019 / 1809, macOS
 * Keychain Access before 12, Android before 10); Bouncy Castle's lightweight API writes it.
 */
public final class Pkcs12 {

    public enum Encryption { MODERN, LEGACY }

    private static final int ITERATIONS = 10_000;

    private Pkcs12() {}

    /**
     * Refuses a password that some reader of the file would not accept: fewer than 4 characters (OpenSSL
     * refuses shorter export passwords), more than 1024, or a character outside printable ASCII (the JDK's
     * PKCS#12 store derives its keys from ASCII passwords only, and Windows, macOS and OpenSSL disagree on
     * how to encode anything else, RFC 7292 appendix B.1).
     *
     * @param input the input the password came in, blamed in the refusal
     */
    public static void checkPassword(Input input, String password) {
        if (password == null || password.length() < 4 || password.length() > 1024) {
            throw new InvalidInputException(input, "choose a password of 4 to 1024 characters to protect the PKCS#12 file"
                    + " (OpenSSL refuses shorter ones)");
        }
        if (!password.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            throw new InvalidInputException(input, "choose a password of printable ASCII characters to protect the PKCS#12 file"
                    + " (letters, digits, spaces and punctuation; the JDK refuses others)");
        }
    }

    /** A key store holding the key and its certificate chain (leaf first) under {@code alias}. */
    public static byte[] keyStore(String alias, PrivateKey key, List<X509Certificate> chain, char[] password, Encryption encryption) {
        if (encryption == Encryption.LEGACY) {
            return legacyKeyStore(alias, key, chain, password);
        }
        return jdkStore(password, store -> store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new)));
    }

    /** A trust store of CA certificates only (no key), e.g. {@code truststore.p12} for Java's {@code -Djavax.net.ssl.trustStore}. */
    public static byte[] trustStore(List<X509Certificate> certificates, List<String> aliases, char[] password) {
        return jdkStore(password, store -> {
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry(aliases.get(i), certificates.get(i));
            }
        });
    }

    private interface Entries {
        void addTo(KeyStore store) throws GeneralSecurityException;
    }

    private static byte[] jdkStore(char[] password, Entries entries) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            entries.addTo(store);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a PKCS#12 file", e);
        }
    }

    private static byte[] legacyKeyStore(String alias, PrivateKey key, List<X509Certificate> chain, char[] password) {
        try {
            var localKeyId = new JcaX509ExtensionUtils().createSubjectKeyIdentifier(
                    SubjectPublicKeyInfo.getInstance(chain.get(0).getPublicKey().getEncoded()));
            PKCS12SafeBag[] certBags = new PKCS12SafeBag[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                JcaPKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                certBags[i] = bag.build();
            }
            JcaPKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, tripleDes(password));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(tripleDes(password), certBags);
            pfx.addData(keyBag.build());
            var mac = new BcPKCS12MacCalculatorBuilder(new SHA1Digest(), new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1, DERNull.INSTANCE))
                    .setIterationCount(ITERATIONS);
            return pfx.build(mac, password).getEncoded();
        } catch (IOException | PKCSException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a legacy PKCS#12 file", e);
        }
    }

    private static OutputEncryptor tripleDes(char[] password) {
        return new BcPKCS12PBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                CBCBlockCipher.newInstance(new DESedeEngine())).setIterationCount(ITERATIONS).build(password);
    }
}
