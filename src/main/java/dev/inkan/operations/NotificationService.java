package dev.inkan.operations;

import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.InvalidInputException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Subscriptions and their delivery log: create, list, show, delete, send a test event. */
@Service
public class NotificationService {

    private final SubscriptionStore store;
    private final DeliveryLog log;
    private final DeliveryWorker worker;
    private final NotificationPayloads payloads;
    private final SmtpProperties smtp;
    private final TransactionTemplate transactions;
    private final Clock clock;

    NotificationService(SubscriptionStore store, DeliveryLog log, DeliveryWorker worker, NotificationPayloads payloads,
                        SmtpProperties smtp, TransactionTemplate transactions, Clock clock) {
        this.store = store;
        this.log = log;
        this.worker = worker;
        this.payloads = payloads;
        this.smtp = smtp;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates a subscription; the answer is the only one that carries the secret. */
    public Subscription subscribe(SubscriptionRequest request, String actor) {
        SubscriptionRequest.Valid valid = request.validate();
        if (valid.email() && !smtp.configured()) {
            throw new InvalidInputException("url", "e-mail needs an SMTP server: start Inkan with INKAN_SMTP_HOST (and"
                    + " INKAN_SMTP_PORT, INKAN_SMTP_USERNAME, INKAN_SMTP_PASSWORD), or subscribe an http(s) URL");
        }
        Instant now = clock.instant();
        Long id = transactions.execute(status -> store.insert(valid, now, actor));
        Subscription created = get(id);
        return new Subscription(created.id(), created.url(), created.events(), created.expiringWithinDays(), created.createdAt(),
                created.createdBy(), valid.email() ? null : valid.secret());
    }

    public List<Subscription> list() {
        return store.list();
    }

    public Subscription get(long id) {
        return store.find(id).orElseThrow(() -> unknown(id));
    }

    public void delete(long id) {
        if (!store.delete(id)) {
            throw unknown(id);
        }
    }

    /** The latest deliveries, newest first, with their attempts. */
    public List<Delivery> deliveries(long id, int limit) {
        get(id);
        return log.recent(id, Math.max(1, Math.min(limit, 200)));
    }

    /**
     * Sends a {@code webhook.test} event now, once (no retry), and returns its delivery with the receiver's answer.
     * It goes ahead of the subscription's queue, so it works while a real event is waiting for a retry.
     */
    public Delivery sendTest(long id) {
        Subscription subscription = get(id);
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("subscriptionId", subscription.id());
        data.put("summary", "test event from Inkan for subscription " + subscription.id());
        Notification event = new Notification("test-" + UUID.randomUUID(), EventType.TEST, now, data);
        String payload = payloads.json(event);
        // not due for the scheduler: this request makes its one attempt itself
        log.enqueue(subscription.id(), event, payload, now, now.plus(java.time.Duration.ofHours(1)));
        DeliveryLog.Due due = log.recent(subscription.id(), 50).stream().filter(d -> d.eventId().equals(event.id())).findFirst()
                .map(d -> new DeliveryLog.Due(d.id(), subscription.id(), subscription.url(), event.id(), EventType.TEST, payload, 0))
                .orElseThrow(() -> new IllegalStateException("the test delivery was not recorded"));
        worker.attempt(due, 1);
        return log.recent(subscription.id(), 50).stream().filter(d -> d.id() == due.id()).findFirst().orElseThrow();
    }

    private static NotFoundException unknown(long id) {
        return new NotFoundException("id", "no webhook subscription with id " + id + "; list them with GET /api/v1/webhooks");
    }
}
