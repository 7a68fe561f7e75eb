package dev.inkan.issuance;

import java.util.List;

/**
 * One page of a search: the items, where the page is, and how many certificates match in all.
 *
 * @param total      how many match, counted up to 10,000
 * @param totalExact false when counting stopped at 10,000 and more match ("10,000+")
 */
public record CertificatePage(List<CertificateSummary> items, int page, int size, long total, boolean totalExact) {

    public int totalPages() {
        return (int) ((total + size - 1) / size);
    }
}
