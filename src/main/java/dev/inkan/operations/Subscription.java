package dev.inkan.operations;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as the API and UI show it. {@code secret} is present only in the answer to its creation;
 * it is stored sealed with the master key and never shown again.
 */
public record Subscription(long id, String url, List<String> events, int expiringWithinDays, Instant createdAt, String createdBy,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {
}
