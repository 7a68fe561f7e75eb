package dev.inkan.operations;

import dev.inkan.issuance.CertificateSummary;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON body every receiver gets: {@code {"id", "type", "occurredAt", "data": {...}}}. {@code id} is the event id to
 * de-duplicate on (retries and "once per threshold" re-use it); {@code data.summary} is one line for people.
 */
@Component
class NotificationPayloads {

    private final JsonMapper json = JsonMapper.builder().build();

    String json(Notification event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", event.id());
        body.put("type", event.type().id());
        body.put("occurredAt", event.occurredAt().toString());
        body.put("data", event.data());
        return json.writeValueAsString(body);
    }

    /** The fields of a certificate receivers need to act on it. */
    void certificate(Map<String, Object> data, CertificateSummary certificate) {
        data.put("certificateId", certificate.id());
        data.put("caId", certificate.caId());
        data.put("serialNumber", certificate.serialNumber());
        data.put("commonName", certificate.commonName());
        data.put("dnsNames", certificate.dnsNames());
        data.put("ipAddresses", certificate.ipAddresses());
        data.put("notBefore", certificate.notBefore().toString());
        data.put("notAfter", certificate.notAfter().toString());
        data.put("status", certificate.status());
    }
}
