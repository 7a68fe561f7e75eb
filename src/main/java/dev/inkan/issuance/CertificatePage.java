package dev.inkan.issuance;

import java.util.List;

/** One page of a search: the items, where the page is, and how many certificates match in all. */
public record CertificatePage(List<CertificateSummary> items, int page, int size, long total) {

    public int totalPages() {
        return (int) ((total + size - 1) / size);
    }
}
