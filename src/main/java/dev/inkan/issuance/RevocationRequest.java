package dev.inkan.issuance;

/**
 * A revocation. Final: a revoked certificate stays revoked.
 *
 * @param reason an RFC 5280 reason ({@code keyCompromise}, {@code superseded}, ...); {@code unspecified} when absent
 */
public record RevocationRequest(String reason) {

    public RevocationReason validate() {
        return RevocationReason.parse("reason", reason);
    }
}
