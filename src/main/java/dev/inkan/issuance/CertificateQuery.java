package dev.inkan.issuance;

import dev.inkan.engine.CaSpec;
import dev.inkan.engine.RequestRejectedException;
import dev.inkan.engine.InvalidInputException;
import java.util.Locale;

/**
 * A search of the ledger. All filters are optional and combine with AND.
 *
 * @param q                  text matched against the start of the CN and of each SAN, and of each of their
 *                           dot-separated tails: {@code app} finds {@code www.app.test}; {@code 10.0} finds {@code 10.0.0.1}
 * @param status             {@code valid}, {@code expiring}, {@code expired} or {@code revoked}
 * @param caId               only certificates issued by this CA
 * @param expiringWithinDays only unrevoked certificates whose notAfter is within this many days (and not yet past)
 * @param page               0-based page number
 * @param size               items per page, 1 to {@value #MAX_SIZE}, default {@value #DEFAULT_SIZE}
 * @param sort               {@code -issued} (newest first, default), {@code issued}, {@code notAfter} (soonest expiry first), {@code -notAfter}
 */
public record CertificateQuery(String q, String status, Long caId, Integer expiringWithinDays, Integer page, Integer size,
                               String sort) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;
    /** The longest window {@code expiringWithinDays} takes: the longest lifetime of any CA ({@link CaSpec#MAX_VALIDITY_DAYS}). */
    public static final int MAX_EXPIRING_WITHIN_DAYS = CaSpec.MAX_VALIDITY_DAYS;

    /** Sort orders. */
    public enum Sort { NEWEST, OLDEST, EXPIRY, EXPIRY_DESC }

    /** A checked query. */
    public record Valid(String q, CertificateStatus status, Long caId, Integer expiringWithinDays, int page, int size, Sort sort) {
        public long offset() {
            return (long) page * size;
        }
    }

    /** The unrevoked, unexpired certificates that expire next, soonest first. */
    public static CertificateQuery expiringNext(int limit) {
        return new CertificateQuery(null, null, null, MAX_EXPIRING_WITHIN_DAYS, 0, Math.max(1, Math.min(limit, MAX_SIZE)), "notAfter");
    }

    public static CertificateQuery all() {
        return new CertificateQuery(null, null, null, null, null, null, null);
    }

    public Valid validate() {
        String text = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
        if (text != null && (text.length() > 253 || text.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidInputException("q", "the search text is a name or the start of one: at most 253 printable characters");
        }
        CertificateStatus parsedStatus = status == null || status.isBlank() ? null : CertificateStatus.parse("status", status);
        if (caId != null && caId <= 0) {
            throw new InvalidInputException("caId", "caId is the id of a CA held here (see GET /api/v1/cas)");
        }
        if (expiringWithinDays != null && (expiringWithinDays < 0 || expiringWithinDays > MAX_EXPIRING_WITHIN_DAYS)) {
            throw new InvalidInputException("expiringWithinDays", "expiringWithinDays is 0 to " + MAX_EXPIRING_WITHIN_DAYS + " days");
        }
        int p = page == null ? 0 : page;
        if (p < 0 || p > 1_000_000) {
            throw new InvalidInputException("page", "page counts from 0; " + p + " is outside 0 to 1000000");
        }
        int s = size == null ? DEFAULT_SIZE : size;
        if (s < 1 || s > MAX_SIZE) {
            throw new InvalidInputException("size", "size is 1 to " + MAX_SIZE + " items per page; " + s + " is outside that");
        }
        Sort order = switch (sort == null ? "-issued" : sort.strip()) {
            case "-issued", "" -> Sort.NEWEST;
            case "issued" -> Sort.OLDEST;
            case "notAfter", "expiry" -> Sort.EXPIRY;
            case "-notAfter", "-expiry" -> Sort.EXPIRY_DESC;
            default -> throw new InvalidInputException("sort", "unknown sort '" + RequestRejectedException.abbreviate(sort)
                    + "'; use -issued (newest first), issued, notAfter (soonest expiry first) or -notAfter");
        };
        return new Valid(text, parsedStatus, caId, expiringWithinDays, p, s, order);
    }
}
