package dev.inkan.issuance;

import java.time.Instant;
import java.util.List;

/**
 * What issuing returns (the API's 201 body), once the certificate is committed to the ledger.
 *
 * @param serialNumber  lower-case hex
 * @param chainPem      the issuing CA up to the root (chain.pem)
 * @param privateKeyPem the unencrypted PKCS#8 key when the server generated it; null for a signed CSR
 * @param warnings      what the client should know although it succeeded, e.g. a validity clamped to the CA's end
 */
public record IssuedCertificate(long id, String serialNumber, String commonName, List<String> dnsNames,
                                List<String> ipAddresses, String profile, String keyType, long caId, Instant notBefore,
                                Instant notAfter, String certificatePem, String chainPem, String privateKeyPem,
                                List<String> warnings) {

    public IssuedCertificate {
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
