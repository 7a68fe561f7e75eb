package dev.inkan.web.ui;

import dev.inkan.engine.RequestRejectedException;
import dev.inkan.operations.EventType;
import dev.inkan.operations.NotificationService;
import dev.inkan.operations.Subscription;
import dev.inkan.operations.SubscriptionRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Notifications: subscribe a webhook URL or mailto: recipients, see each one's latest deliveries, send a test, delete. */
@Controller
record WebhookPageController(NotificationService notifications) {

    @GetMapping("/webhooks")
    String listWebhooks(Model model) {
        Map<Subscription, List<dev.inkan.operations.Delivery>> subscriptions = new LinkedHashMap<>();
        for (Subscription subscription : notifications.list()) {
            subscriptions.put(subscription, notifications.deliveries(subscription.id(), 5));
        }
        model.addAttribute("subscriptions", subscriptions);
        model.addAttribute("events", Arrays.stream(EventType.values()).filter(t -> t != EventType.TEST).map(EventType::id).toList());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new SubscriptionRequest("", List.of(), "", SubscriptionRequest.DEFAULT_EXPIRING_DAYS));
        }
        return "webhooks/webhookList";
    }

    @PostMapping("/webhooks")
    String processWebhookForm(@RequestParam(required = false) String url, @RequestParam(required = false) List<String> events,
                              @RequestParam(required = false) String secret, @RequestParam(required = false) Integer expiringWithinDays,
                              Principal user, Model model) {
        SubscriptionRequest request = new SubscriptionRequest(url, events == null ? List.of() : events, secret, expiringWithinDays);
        try {
            // shown in this answer, not through a redirect's flash: sessions live in the database (Spring
            // Session JDBC), and the secret must never be stored there unsealed
            model.addAttribute("created", notifications.subscribe(request, user.getName()));
            return listWebhooks(model);
        } catch (RequestRejectedException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", request);
            return listWebhooks(model);
        }
    }

    @PostMapping("/webhooks/{id}/test")
    String sendTest(@PathVariable long id, RedirectAttributes redirect) {
        var delivery = notifications.sendTest(id);
        redirect.addFlashAttribute("tested", "Test event to subscription " + id + ": " + delivery.state()
                + (delivery.last() == null ? "" : " (" + delivery.last().outcome() + ")"));
        return "redirect:/webhooks";
    }

    @PostMapping("/webhooks/{id}/delete")
    String deleteWebhook(@PathVariable long id, RedirectAttributes redirect) {
        notifications.delete(id);
        redirect.addFlashAttribute("tested", "Subscription " + id + " deleted.");
        return "redirect:/webhooks";
    }
}
