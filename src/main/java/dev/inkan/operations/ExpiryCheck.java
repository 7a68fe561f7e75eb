package dev.inkan.operations;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.issuance.CertificatePage;
import dev.inkan.issuance.CertificateQuery;
import dev.inkan.issuance.CertificateSummary;
import dev.inkan.issuance.CertificateRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Finds certificates and CAs inside a subscription's "expiring within N days" window, and certificates that expired
 * since the subscription was made. Each becomes an event whose id names the subject and the threshold
 * ({@code certificate.expiring:42:30d}); the delivery log holds each id once per subscription, so a run repeated every
 * hour, or on several instances at once, notifies once per threshold and certificate.
 */
@Component
record ExpiryCheck(SubscriptionStore subscriptions, DeliveryLog log, CertificateRecords issuance, CertificateAuthorityService authorities,
                   NotificationPayloads payloads, Clock clock) {

    private static final int PAGE = CertificateQuery.MAX_SIZE;
    /** Pages looked at per subscription and run; what is left waits for the next run. */
    private static final int MAX_PAGES = 200;

    /** One run; returns how many events were enqueued. */
    int run() {
        Instant now = clock.instant();
        int enqueued = 0;
        for (Subscription subscription : subscriptions.list()) {
            if (subscription.events().contains(EventType.CERTIFICATE_EXPIRING.id())) {
                enqueued += expiring(subscription, now);
            }
            if (subscription.events().contains(EventType.CERTIFICATE_EXPIRED.id())) {
                enqueued += expired(subscription, now);
            }
            if (subscription.events().contains(EventType.CA_EXPIRING.id())) {
                enqueued += caExpiring(subscription, now);
            }
        }
        return enqueued;
    }

    private int expiring(Subscription subscription, Instant now) {
        int days = subscription.expiringWithinDays();
        int enqueued = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            CertificatePage found = issuance.search(new CertificateQuery(null, null, null, days, page, PAGE, "notAfter"));
            for (CertificateSummary certificate : found.items()) {
                String id = EventType.CERTIFICATE_EXPIRING.id() + ":" + certificate.id() + ":" + days + "d";
                long daysLeft = Duration.between(now, certificate.notAfter()).toDays();
                enqueued += notify(subscription, id, EventType.CERTIFICATE_EXPIRING, certificate, now, "certificate "
                        + certificate.commonName() + " (id " + certificate.id() + ") expires in " + daysLeft + " days, on "
                        + certificate.notAfter(), Map.of("thresholdDays", days, "daysLeft", daysLeft));
            }
            if (found.items().size() < PAGE) {
                break;
            }
        }
        return enqueued;
    }

    private int expired(Subscription subscription, Instant now) {
        int enqueued = 0;
        // newest expiry first; older ones expired before the subscription existed and are not news
        for (int page = 0; page < MAX_PAGES; page++) {
            CertificatePage found = issuance.search(new CertificateQuery(null, "expired", null, null, page, PAGE, "-notAfter"));
            for (CertificateSummary certificate : found.items()) {
                if (certificate.notAfter().isBefore(subscription.createdAt().minus(Duration.ofDays(1)))) {
                    return enqueued;
                }
                String id = EventType.CERTIFICATE_EXPIRED.id() + ":" + certificate.id();
                enqueued += notify(subscription, id, EventType.CERTIFICATE_EXPIRED, certificate, now, "certificate "
                        + certificate.commonName() + " (id " + certificate.id() + ") expired on " + certificate.notAfter(), Map.of());
            }
            if (found.items().size() < PAGE) {
                break;
            }
        }
        return enqueued;
    }

    private int caExpiring(Subscription subscription, Instant now) {
        int days = subscription.expiringWithinDays();
        int enqueued = 0;
        for (CertificateAuthority ca : authorities.list()) {
            if (ca.notAfter().isAfter(now) && !ca.notAfter().isAfter(now.plus(Duration.ofDays(days)))) {
                String id = EventType.CA_EXPIRING.id() + ":" + ca.id() + ":" + days + "d";
                if (log.contains(subscription.id(), id)) {
                    continue;
                }
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("caId", ca.id());
                data.put("name", ca.name());
                data.put("subject", ca.subject());
                data.put("notAfter", ca.notAfter().toString());
                data.put("fingerprintSha256", ca.fingerprintSha256());
                data.put("thresholdDays", days);
                data.put("daysLeft", Duration.between(now, ca.notAfter()).toDays());
                data.put("summary", "CA " + ca.name() + " (id " + ca.id() + ") expires on " + ca.notAfter()
                        + "; every certificate it issued stops working then");
                enqueued += enqueue(subscription, new Notification(id, EventType.CA_EXPIRING, now, data));
            }
        }
        return enqueued;
    }

    private int notify(Subscription subscription, String id, EventType type, CertificateSummary certificate, Instant now,
                       String summary, Map<String, Object> extra) {
        if (log.contains(subscription.id(), id)) {
            return 0;
        }
        Map<String, Object> data = new LinkedHashMap<>();
        payloads.certificate(data, certificate);
        data.putAll(extra);
        data.put("summary", summary);
        return enqueue(subscription, new Notification(id, type, now, data));
    }

    private int enqueue(Subscription subscription, Notification event) {
        return log.enqueue(subscription.id(), event, payloads.json(event), clock.instant()) ? 1 : 0;
    }
}
