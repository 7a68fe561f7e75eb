package dev.inkan.engine;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBMPString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS12PfxPduBuilder;
import org.bouncycastle.pkcs.PKCS12SafeBag;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS12SafeBagBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCS12MacCalculatorBuilder;
import org.bouncycastle.pkcs.jcajce.JcePKCSPBEOutputEncryptorBuilder;
import org.bouncycastle.pkcs.bc.BcPKCS12PBEOutputEncryptorBuilder;
import org.bouncycastle.crypto.engines.DESedeEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;

/**
 * PKCS#12 (RFC 7292) files with a caller-chosen password.
 *
 * <p>{@link Encryption#MODERN} is what OpenSSL 3 and JDK 17+ write: PBES2 with AES-256-CBC and
 * PBKDF2-HMAC-SHA256, MAC HMAC-SHA256. {@link Encryption#LEGACY} uses 3DES and a SHA-1 MAC, for
 * the importers that know nothing newer (Windows before Server 2019 / 1809, macOS Keychain Access
 * before 12, Android before 10).
 */
public final class Pkcs12 {

    public enum Encryption { MODERN, LEGACY }

    private static final int ITERATIONS = 10_000;

    private Pkcs12() {}

    /** A key store holding the key and its certificate chain (leaf first) under {@code alias}. */
    public static byte[] keyStore(String alias, PrivateKey key, List<X509Certificate> chain, char[] password, Encryption encryption) {
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            SubjectPublicKeyInfo leafKey = SubjectPublicKeyInfo.getInstance(chain.get(0).getPublicKey().getEncoded());
            var localKeyId = utils.createSubjectKeyIdentifier(leafKey);
            PKCS12SafeBag[] certBags = new PKCS12SafeBag[chain.size()];
            for (int i = 0; i < chain.size(); i++) {
                JcaPKCS12SafeBagBuilder bag = new JcaPKCS12SafeBagBuilder(chain.get(i));
                if (i == 0) {
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
                    bag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);
                }
                certBags[i] = bag.build();
            }
            JcaPKCS12SafeBagBuilder keyBag = new JcaPKCS12SafeBagBuilder(key, encryptor(encryption, password));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_friendlyName, new DERBMPString(alias));
            keyBag.addBagAttribute(PKCSObjectIdentifiers.pkcs_9_at_localKeyId, localKeyId);

            PKCS12PfxPduBuilder pfx = new PKCS12PfxPduBuilder();
            pfx.addEncryptedData(encryptor(encryption, password), certBags);
            pfx.addData(keyBag.build());
            return pfx.build(mac(encryption), password).getEncoded();
        } catch (IOException | PKCSException | OperatorCreationException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a PKCS#12 file", e);
        }
    }

    /** A trust store of CA certificates only (no key), e.g. {@code truststore.p12} for Java's {@code -Djavax.net.ssl.trustStore}. */
    public static byte[] trustStore(List<X509Certificate> certificates, List<String> aliases, char[] password) {
        try {
            java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                store.setCertificateEntry(aliases.get(i), certificates.get(i));
            }
            var out = new java.io.ByteArrayOutputStream();
            store.store(out, password);
            return out.toByteArray();
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a PKCS#12 trust store", e);
        }
    }

    private static OutputEncryptor encryptor(Encryption encryption, char[] password) throws OperatorCreationException {
        if (encryption == Encryption.LEGACY) {
            return new BcPKCS12PBEOutputEncryptorBuilder(PKCSObjectIdentifiers.pbeWithSHAAnd3_KeyTripleDES_CBC,
                    CBCBlockCipher.newInstance(new DESedeEngine())).setIterationCount(ITERATIONS).build(password);
        }
        return new JcePKCSPBEOutputEncryptorBuilder(NISTObjectIdentifiers.id_aes256_CBC)
                .setProvider(BouncyCastle.PROVIDER)
                .setPRF(new AlgorithmIdentifier(PKCSObjectIdentifiers.id_hmacWithSHA256, org.bouncycastle.asn1.DERNull.INSTANCE))
                .setIterationCount(ITERATIONS)
                .build(password);
    }

    private static org.bouncycastle.pkcs.PKCS12MacCalculatorBuilder mac(Encryption encryption) {
        ASN1ObjectIdentifier digest = encryption == Encryption.LEGACY
                ? org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1 : NISTObjectIdentifiers.id_sha256;
        return new JcePKCS12MacCalculatorBuilder(digest).setProvider(BouncyCastle.PROVIDER).setIterationCount(ITERATIONS);
    }

}
