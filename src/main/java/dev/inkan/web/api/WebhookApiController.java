package dev.inkan.web.api;

import dev.inkan.operations.Delivery;
import dev.inkan.operations.NotificationService;
import dev.inkan.operations.Subscription;
import dev.inkan.operations.SubscriptionRequest;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/webhooks}: subscribe, list, show, delete, the delivery log, send a test event. */
@RestController
@RequestMapping("/api/v1/webhooks")
record WebhookApiController(NotificationService notifications) {

    /** The answer carries the secret, once; later reads never do. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Subscription> subscribe(@RequestBody SubscriptionRequest request, Authentication user) {
        Subscription created = notifications.subscribe(request, user.getName());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + created.id())).body(created);
    }

    @GetMapping
    List<Subscription> list() {
        return notifications.list();
    }

    @GetMapping("/{id}")
    Subscription show(@PathVariable long id) {
        return notifications.get(id);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        notifications.delete(id);
        return ResponseEntity.noContent().build();
    }

    /** The latest deliveries (default 50, at most 200), newest first, each with its attempts. */
    @GetMapping("/{id}/deliveries")
    List<Delivery> deliveries(@PathVariable long id, @RequestParam(defaultValue = "50") int limit) {
        return notifications.deliveries(id, limit);
    }

    @PostMapping("/{id}/test")
    Delivery test(@PathVariable long id) {
        return notifications.sendTest(id);
    }
}
