package dev.inkan.web.api;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Every JSON string Inkan reads is well-formed Unicode. A JSON text may escape a lone UTF-16
 * surrogate ({@code "\ud800"}, RFC 8259 §8.2 leaves its meaning undefined); it has no UTF-8 form,
 * so it would fail later in whatever encodes it (a certificate's UTF8String, the database). It is
 * refused here, where the body is read, as a 400.
 */
@Configuration(proxyBeanMethods = false)
class WellFormedText {

    @Bean
    JacksonModule wellFormedStrings() {
        return new SimpleModule("inkan-well-formed-strings").addDeserializer(String.class, new Deserializer());
    }

    static final class Deserializer extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) {
            String text = super.deserialize(parser, context);
            if (text != null && hasLoneSurrogate(text)) {
                throw context.weirdStringException(text.length() > 40 ? text.substring(0, 40) : text, String.class,
                        "the text holds an unpaired UTF-16 surrogate (a \\\\uD800-\\\\uDFFF escape without its pair), which is"
                                + " not a character; send well-formed Unicode");
            }
            return text;
        }
    }

    static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
