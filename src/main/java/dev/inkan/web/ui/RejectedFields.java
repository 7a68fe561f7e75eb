package dev.inkan.web.ui;

import dev.inkan.web.FieldNames;
import dev.inkan.engine.RequestRejectedException;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.util.ReflectionUtils;
import org.springframework.validation.BindingResult;

/**
 * Puts a refusal from the services next to the form field it concerns, with the same message the
 * API returns: the engine's {@code RequestRejectedException.field()} names an API field
 * ({@code dnsNames}), which a form may show under another name ({@code names}). A field the form
 * does not have becomes an error at the top of the form.
 */
final class RejectedFields {

    private RejectedFields() {}

    /**
     * A form handler's POST: the form again when it did not bind, else {@code action} (a redirect, Post/Redirect/Get);
     * a refusal from the service is put next to its field and the form is shown again with it.
     */
    static String submit(BindingResult binding, Map<String, String> formFieldOf, Supplier<String> action, Supplier<String> form) {
        if (binding.hasErrors()) {
            return form.get();
        }
        try {
            return action.get();
        } catch (RequestRejectedException e) {
            reject(binding, e.field(FieldNames::of), e.getMessage(), formFieldOf);
            return form.get();
        }
    }

    static void reject(BindingResult binding, String field, String message, Map<String, String> formFieldOf) {
        String formField = field == null ? null : formFieldOf.getOrDefault(field, field);
        if (formField != null && binding.getTarget() != null
                && ReflectionUtils.findField(binding.getTarget().getClass(), formField) != null) {
            binding.rejectValue(formField, "rejected", message);
        } else {
            binding.reject("rejected", message);
        }
    }
}
