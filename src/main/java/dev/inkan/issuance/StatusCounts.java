package dev.inkan.issuance;

/** How many certificates are in each status (the dashboard's numbers); they add up to {@code total}. */
public record StatusCounts(long valid, long expiring, long expired, long revoked, long total) {
}
