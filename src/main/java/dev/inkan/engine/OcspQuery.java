package dev.inkan.engine;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;

/**
 * An OCSP request (RFC 6960 §4.1) read with limits: at most {@link #MAX_BYTES} of DER, at most
 * {@link #MAX_CERTIFICATES} certificates, a nonce of 1 to 32 octets (RFC 8954 §2.1). Anything else
 * is {@link Malformed}, for the responder to answer {@code malformedRequest} (RFC 6960 §2.3).
 *
 * @param certificates the certificates asked about
 * @param nonce        the nonce extension's value (the DER of its OCTET STRING), or null when none was sent
 */
public record OcspQuery(List<Certificate> certificates, byte[] nonce) {

    /** RFC 5019 requests are about 100 bytes; even a signed request with a few certificates fits in 8 KiB. */
    public static final int MAX_BYTES = 8192;
    /** RFC 5019 §2.1.1 clients ask about one certificate; a few more are accepted, a flood is not. */
    public static final int MAX_CERTIFICATES = 8;
    /** RFC 8954 §2.1: Nonce ::= OCTET STRING (SIZE(1..32)). */
    public static final int MAX_NONCE = 32;

    private static final DigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();

    /** The request cannot be read or breaks a limit: answer {@code malformedRequest}. */
    public static final class Malformed extends Exception {
        public Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** One certificate asked about: its issuer by name and key hash, and its serial number (RFC 6960 §4.1.1 CertID). */
    public record Certificate(CertificateID id) {
        public BigInteger serialNumber() {
            return id.getSerialNumber();
        }

        /** Whether {@code issuer} is the CA this CertID names (its name and key hashes, in the hash algorithm the client chose). */
        public boolean issuedBy(X509Certificate issuer) {
            try {
                return id.matchesIssuer(new X509CertificateHolder(issuer.getEncoded()), DIGESTS);
            } catch (OCSPException | CertificateEncodingException | IOException e) {
                return false; // an unknown hash algorithm matches no CA: the request is about no issuer here
            }
        }

        /** The DER of the CertID: the key of a pre-signed response. */
        public byte[] key() {
            try {
                return id.toASN1Primitive().getEncoded();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Reads {@code der}; every failure is {@link Malformed}, never a runtime exception. */
    public static OcspQuery read(byte[] der) throws Malformed {
        if (der == null || der.length == 0) {
            throw new Malformed("empty OCSP request");
        }
        if (der.length > MAX_BYTES) {
            throw new Malformed("OCSP request of " + der.length + " bytes; at most " + MAX_BYTES + " are read");
        }
        OCSPReq request;
        try {
            request = new OCSPReq(der);
        } catch (IOException | RuntimeException e) {
            throw new Malformed("not a DER OCSPRequest (RFC 6960 §4.1.1)");
        }
        Req[] singles = request.getRequestList();
        if (singles.length == 0 || singles.length > MAX_CERTIFICATES) {
            throw new Malformed("an OCSP request names 1 to " + MAX_CERTIFICATES + " certificates; this one names " + singles.length);
        }
        List<Certificate> certificates = new ArrayList<>();
        for (Req single : singles) {
            certificates.add(new Certificate(single.getCertID()));
        }
        return new OcspQuery(List.copyOf(certificates), nonce(request));
    }

    private static byte[] nonce(OCSPReq request) throws Malformed {
        Extension extension = request.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
        if (extension == null) {
            return null;
        }
        byte[] value = extension.getExtnValue().getOctets();
        int length;
        try {
            // RFC 8954 §2.1: the extension value is the DER of an OCTET STRING of 1 to 32 octets
            length = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(value)).getOctets().length;
        } catch (IOException | RuntimeException e) {
            length = value.length; // some clients put the bare octets; hold them to the same limit
        }
        if (length < 1 || length > MAX_NONCE) {
            throw new Malformed("an OCSP nonce has 1 to " + MAX_NONCE + " octets (RFC 8954); this one has " + length);
        }
        return Arrays.copyOf(value, value.length);
    }

    /** Whether the answer may be a pre-signed one: one certificate and no nonce (RFC 5019 §2.1). */
    public boolean cacheable() {
        return nonce == null && certificates.size() == 1;
    }
}
