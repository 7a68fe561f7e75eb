package dev.inkan.issuance;

import dev.inkan.engine.CertificateProfile;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.LeafSpec;
import dev.inkan.engine.SigningRequest;

/**
 * A PKCS#10 CSR to sign. Only the CSR's public key, CN and DNS/IP names are taken; every other
 * extension it asks for is ignored, and one asking for CA rights is refused (engine {@link SigningRequest}).
 *
 * @param csr          the PEM {@code -----BEGIN CERTIFICATE REQUEST-----} block
 * @param profile      {@code server} (default), {@code client} or {@code server+client}
 * @param validityDays 1 to 825, default {@value IssuanceRequest#DEFAULT_VALIDITY_DAYS}
 * @param caId         the issuing CA; the default CA when absent
 */
public record CsrIssuanceRequest(String csr, String profile, Integer validityDays, Long caId) {

    /** A checked request: the verified CSR and the certificate it will become. */
    public record Valid(SigningRequest request, LeafSpec spec, Long caId) {}

    /**
     * A request from a raw {@code application/pkcs10} body: PEM text, or DER (RFC 5967), which is
     * wrapped into PEM here so that one parser reads both.
     */
    public static CsrIssuanceRequest fromBody(byte[] body, String profile, Integer validityDays, Long caId) {
        if (body == null || body.length == 0) {
            return new CsrIssuanceRequest(null, profile, validityDays, caId);
        }
        String text;
        if (body[0] == 0x30) {
            text = "-----BEGIN CERTIFICATE REQUEST-----\n"
                    + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(body)
                    + "\n-----END CERTIFICATE REQUEST-----\n";
        } else {
            text = new String(body, java.nio.charset.StandardCharsets.US_ASCII);
        }
        return new CsrIssuanceRequest(text, profile, validityDays, caId);
    }

    public Valid validate() {
        if (csr == null || csr.isBlank()) {
            throw new InvalidInputException("csr", "give the CSR as a -----BEGIN CERTIFICATE REQUEST----- block,"
                    + " e.g. from: openssl req -new -key key.pem -subj /CN=app.test -addext subjectAltName=DNS:app.test");
        }
        CertificateProfile certificateProfile = CertificateProfile.parse("profile", profile);
        IssuanceRequest.checkCaId(caId);
        SigningRequest request = SigningRequest.parse("csr", csr);
        LeafSpec spec = LeafSpec.of(request, "csr", certificateProfile,
                validityDays == null ? IssuanceRequest.DEFAULT_VALIDITY_DAYS : validityDays);
        return new Valid(request, spec, caId);
    }
}
