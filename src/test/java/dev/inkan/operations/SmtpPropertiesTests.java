package dev.inkan.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SmtpPropertiesTests {

    @Test
    void printingTheSmtpSettingsNeverShowsThePassword() {
        var smtp = new SmtpProperties("mail.test", 587, "alerts", "s3cret-9a7b", true, "inkan@mail.test");

        assertThat(smtp.toString()).contains("mail.test", "alerts", "password=(set)").doesNotContain("s3cret-9a7b");
    }
}
