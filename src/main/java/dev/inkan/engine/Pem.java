package dev.inkan.engine;

import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaMiscPEMGenerator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM (RFC 7468) reading and writing: certificates, PKCS#8 private keys (optionally encrypted with
 * PBES2 / AES-256-CBC / PBKDF2-HMAC-SHA256) and PKCS#10 requests. Reads the legacy key forms
 * too (PKCS#1 "RSA PRIVATE KEY", SEC1 "EC PRIVATE KEY", OpenSSL-encrypted), as found in old CA
 * directories.
 */
public final class Pem {

    /** PBKDF2 iterations for encrypted PKCS#8 keys (OWASP 2023 guidance for PBKDF2-HMAC-SHA256). */
    public static final int PBKDF2_ITERATIONS = 600_000;

    private static final JcaX509CertificateConverter CERTIFICATES = new JcaX509CertificateConverter();

    /** RFC 7468 §2: base64 lines of exactly 64 characters, the last one shorter; LF between them. */
    private static final java.util.Base64.Encoder BASE64_LINES = java.util.Base64.getMimeEncoder(64, new byte[] {'\n'});

    private Pem() {}

    /** The certificates as concatenated "CERTIFICATE" blocks, in the order given. */
    public static String encode(List<X509Certificate> certificates) {
        return write(certificates.toArray());
    }

    public static String encode(X509Certificate certificate) {
        return write(certificate);
    }

    public static String encode(PKCS10CertificationRequest request) {
        return write(request);
    }

    /** A DER CRL as an "X509 CRL" block (RFC 7468 §6). */
    public static String encodeCrl(byte[] der) {
        return write(new PemObject("X509 CRL", der));
    }

    /** An unencrypted PKCS#8 "PRIVATE KEY" block. */
    public static String encode(PrivateKey key) {
        // A PemObject, not the PrivateKeyInfo itself: Bouncy Castle's PEM writer would turn that into
        // the legacy PKCS#1 "RSA PRIVATE KEY" / SEC1 "EC PRIVATE KEY" forms.
        return write(new PemObject("PRIVATE KEY", key.getEncoded()));
    }

    /** An "ENCRYPTED PRIVATE KEY" block (PKCS#8 with PBES2, AES-256-CBC, PBKDF2-HMAC-SHA256). */
    public static String encodeEncrypted(PrivateKey key, char[] password) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                    .setPRF(org.bouncycastle.asn1.x509.AlgorithmIdentifier.getInstance(
                            new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                                    org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.id_hmacWithSHA256,
                                    org.bouncycastle.asn1.DERNull.INSTANCE)))
                    .setIterationCount(PBKDF2_ITERATIONS)
                    .setRandom(CryptoProviders.random())
                    .setProvider(CryptoProviders.bouncyCastle())
                    .setPassword(password)
                    .build();
            return write(new JcaPKCS8Generator(key, encryptor).generate());
        } catch (OperatorCreationException | org.bouncycastle.util.io.pem.PemGenerationException e) {
            throw new IllegalStateException("cannot encrypt a private key", e);
        }
    }

    /** Every "CERTIFICATE" block in the text; fails when there is none or one is corrupt. */
    public static List<X509Certificate> readCertificates(String field, String pem) {
        List<X509Certificate> result = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(requireText(field, pem)))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof X509CertificateHolder holder) {
                    result.add(CERTIFICATES.getCertificate(holder));
                }
            }
        } catch (IOException | CertificateException | RuntimeException e) {
            throw new InvalidInputException(field, "the certificate PEM does not parse: " + e.getMessage()
                    + "; paste the whole -----BEGIN CERTIFICATE----- block");
        }
        if (result.isEmpty()) {
            throw new InvalidInputException(field, "no -----BEGIN CERTIFICATE----- block found; give a PEM certificate");
        }
        return result;
    }

    /** The private key in the text, decrypting it with {@code password} when it is encrypted. */
    public static PrivateKey readPrivateKey(String field, String pem, char[] password) {
        JcaPEMKeyConverter keys = CryptoProviders.keyConverter();
        try (PEMParser parser = new PEMParser(new StringReader(requireText(field, pem)))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PrivateKeyInfo info) {
                    return keys.getPrivateKey(info);
                }
                if (object instanceof PEMKeyPair pair) {
                    return keys.getKeyPair(pair).getPrivate();
                }
                if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    requirePassword(field, password);
                    return keys.getPrivateKey(encrypted.decryptPrivateKeyInfo(
                            new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(CryptoProviders.bouncyCastle()).build(password)));
                }
                if (object instanceof PEMEncryptedKeyPair encrypted) {
                    requirePassword(field, password);
                    return keys.getKeyPair(encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder()
                            .setProvider(CryptoProviders.bouncyCastle()).build(password))).getPrivate();
                }
            }
        } catch (PKCSException e) {
            throw new InvalidInputException(field, "the private key could not be decrypted: wrong password?");
        } catch (IOException | OperatorCreationException | RuntimeException e) {
            if (e instanceof InvalidInputException invalid) {
                throw invalid;
            }
            throw new InvalidInputException(field, "the private key PEM does not parse; give a PEM private key (PKCS#8, PKCS#1 or SEC1)");
        }
        throw new InvalidInputException(field, "no private key block found; give a -----BEGIN PRIVATE KEY----- block");
    }

    /** The PKCS#10 request in the text (signature not yet checked: see {@link SigningRequest}). */
    public static PKCS10CertificationRequest readCertificationRequest(String field, String pem) {
        String block = requireSingleBlock(field, requireText(field, pem), "CERTIFICATE REQUEST", "a CSR");
        try (PEMParser parser = new PEMParser(new StringReader(block))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof PKCS10CertificationRequest request) {
                    return request;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(field, "the CSR does not parse: " + e.getMessage()
                    + "; give a -----BEGIN CERTIFICATE REQUEST----- block");
        }
        throw new InvalidInputException(field, "no -----BEGIN CERTIFICATE REQUEST----- block found; give a PEM CSR");
    }

    private static final java.util.regex.Pattern BEGIN = java.util.regex.Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    /**
     * Exactly one {@code -----BEGIN label-----} ... {@code -----END label-----} block (RFC 7468 §2;
     * {@code NEW CERTIFICATE REQUEST} is the legacy CSR label) and nothing but whitespace around it:
     * a parser that skips text would sign the first of two concatenated requests and ignore the rest.
     */
    static String requireSingleBlock(String field, String text, String label, String what) {
        String body = text.strip();
        var begins = BEGIN.matcher(body);
        int count = 0;
        String found = null;
        while (begins.find()) {
            count++;
            found = begins.group(1);
        }
        if (count != 1) {
            throw new InvalidInputException(field, count == 0
                    ? "no -----BEGIN " + label + "----- block found; give " + what + " in PEM"
                    : "the text holds " + count + " PEM blocks; give exactly one " + label + " block, one " + what + " per request");
        }
        boolean labelOk = found.equals(label) || (label.equals("CERTIFICATE REQUEST") && found.equals("NEW CERTIFICATE REQUEST"));
        if (!labelOk || !body.startsWith("-----BEGIN " + found + "-----") || !body.endsWith("-----END " + found + "-----")) {
            throw new InvalidInputException(field, labelOk
                    ? "there is text before or after the -----BEGIN " + found + "----- block; give the PEM block alone"
                    : "the PEM block is a '" + RequestRejectedException.abbreviate(found) + "', not " + what
                            + "; give a -----BEGIN " + label + "----- block");
        }
        return body;
    }

    private static String requireText(String field, String pem) {
        if (pem == null || pem.isBlank()) {
            throw new InvalidInputException(field, "the PEM text is empty");
        }
        return pem;
    }

    private static void requirePassword(String field, char[] password) {
        if (password == null || password.length == 0) {
            throw new InvalidInputException(field, "the private key is encrypted; give its password");
        }
    }

    /**
     * The objects as PEM blocks: Bouncy Castle turns each into its label and DER ({@code JcaMiscPEMGenerator}), and the
     * text is RFC 7468's strict form (64-character base64 lines, LF) written here into one builder. Not through
     * {@code JcaPEMWriter}: it is a {@code BufferedWriter}, whose 8,192-character buffer was 16 % of every byte the
     * service allocated per issuance (JFR, bench/RESULTS.md).
     */
    private static String write(Object... objects) {
        StringBuilder out = new StringBuilder(objects.length * 800);
        try {
            for (Object object : objects) {
                PemObject block = object instanceof PemObject given ? given : new JcaMiscPEMGenerator(object).generate();
                if (!block.getHeaders().isEmpty()) { // legacy encrypted PEM: Inkan never writes it
                    throw new IllegalArgumentException("PEM headers are not written: " + block.getType());
                }
                out.append("-----BEGIN ").append(block.getType()).append("-----\n");
                if (block.getContent().length > 0) {
                    out.append(BASE64_LINES.encodeToString(block.getContent())).append('\n');
                }
                out.append("-----END ").append(block.getType()).append("-----\n");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return out.toString();
    }
}
