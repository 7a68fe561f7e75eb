package dev.inkan.revocation;

import dev.inkan.engine.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;

/** OCSP requests no CLI makes (a nonce of a chosen length), built with Bouncy Castle. */
final class Requests {

    private Requests() {}

    static byte[] withNonce(Path dir, Path issuerPem, Path leafPem, int nonceLength) throws Exception {
        var issuer = Pem.readCertificates("issuer", Files.readString(issuerPem)).get(0);
        var leaf = Pem.readCertificates("leaf", Files.readString(leafPem)).get(0);
        CertificateID id = new CertificateID(new BcDigestCalculatorProvider().get(CertificateID.HASH_SHA1),
                new X509CertificateHolder(issuer.getEncoded()), leaf.getSerialNumber());
        return new OCSPReqBuilder().addRequest(id).setRequestExtensions(new Extensions(new Extension(
                OCSPObjectIdentifiers.id_pkix_ocsp_nonce, false, new DEROctetString(new DEROctetString(new byte[nonceLength])))))
                .build().getEncoded();
    }
}
