package dev.inkan.operations;

import java.util.Properties;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sends a {@code mailto:} delivery as a plain-text e-mail: the event's summary line as subject, then the JSON payload. */
@Component
class MailChannel implements DeliveryChannel {

    private final SmtpProperties smtp;
    private final JavaMailSenderImpl sender = new JavaMailSenderImpl();
    private final JsonMapper json = JsonMapper.builder().build();

    MailChannel(SmtpProperties smtp, NotificationProperties notifications) {
        this.smtp = smtp;
        if (smtp.configured()) {
            sender.setHost(smtp.host());
            sender.setPort(smtp.port());
            sender.setUsername(smtp.username());
            sender.setPassword(smtp.password());
            Properties mail = sender.getJavaMailProperties();
            mail.put("mail.smtp.auth", Boolean.toString(smtp.username() != null && !smtp.username().isBlank()));
            // STARTTLS required (RFC 3207), never silently downgraded to plain text
            mail.put("mail.smtp.starttls.enable", Boolean.toString(smtp.starttls()));
            mail.put("mail.smtp.starttls.required", Boolean.toString(smtp.starttls()));
            mail.put("mail.smtp.connectiontimeout", Long.toString(notifications.timeout().toMillis()));
            mail.put("mail.smtp.timeout", Long.toString(notifications.timeout().toMillis()));
        }
    }

    @Override
    public boolean handles(String target) {
        return target.startsWith("mailto:");
    }

    @Override
    public Outcome send(DeliveryLog.Due delivery, int attempt, String secret) {
        if (!smtp.configured()) {
            return new Outcome(false, null, "no SMTP server: set INKAN_SMTP_HOST (and INKAN_SMTP_PORT, credentials)");
        }
        JsonNode payload = json.readTree(delivery.payload());
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(smtp.from());
        message.setTo(delivery.target().substring("mailto:".length()).split(","));
        message.setSubject("[Inkan] " + payload.path("data").path("summary").asString(delivery.type().id()));
        message.setText(payload.path("data").path("summary").asString("") + "\n\nEvent " + delivery.eventId() + " ("
                + delivery.type().id() + "):\n" + json.writerWithDefaultPrettyPrinter().writeValueAsString(payload) + "\n");
        try {
            sender.send(message);
            return new Outcome(true, null, "accepted by " + smtp.host() + ":" + smtp.port());
        } catch (MailException e) {
            return new Outcome(false, null, "SMTP: " + e.getMessage());
        }
    }
}
