package dev.inkan.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.issuance.IssuanceRequest;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.IssuedCertificate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

class CertificateIssueControllerTests extends UiSliceTest {


    @BeforeEach
    void oneDefaultCa() {
        givenCas(UiFixtures.ca(1, List.of()));
    }

    @Test
    void issueFormStartsWithTheSafeDefaultsAndTheDefaultCa() throws Exception {
        IssueForm form = (IssueForm) page("/certificates/new", "certificates/issueForm")
                .andExpect(shows("825 days", "Test Root CA (default)", "value=\"365\""))
                .andReturn().getModelAndView().getModel().get("issueForm");
        assertThat(form.keyType).isEqualTo("ecdsa-p256");
        assertThat(form.validityDays).isEqualTo(365);
        assertThat(form.caId).isEqualTo(1L);
    }

    @Test
    void namesBoxIsSplitIntoDnsNamesAndIpAddressesAndSuccessShowsTheCertificate() throws Exception {
        given(issuance.issue(any(), eq("admin"))).willReturn(new IssuedCertificate(42, "0a", "app.test",
                List.of("app.test"), List.of(), "server", "ecdsa-p256", 1, UiFixtures.NOW, UiFixtures.NOW, "pem", "pem", "key",
                List.of("validity clamped to the CA's notAfter 2026-12-10T00:00:00Z: asked 365 days, got 10 days")));

        mvc.perform(post("/certificates/new").with(csrf())
                        .param("commonName", "app.test").param("names", "app.test, api.test\n10.0.0.7\n::1 [fd00::2]")
                        .param("profile", "server").param("keyType", "ecdsa-p384").param("validityDays", "90").param("caId", "1"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/certificates/42"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("warnings",
                        List.of("validity clamped to the CA's notAfter 2026-12-10T00:00:00Z: asked 365 days, got 10 days")));

        ArgumentCaptor<IssuanceRequest> request = ArgumentCaptor.forClass(IssuanceRequest.class);
        verify(issuance).issue(request.capture(), eq("admin"));
        assertThat(request.getValue()).isEqualTo(new IssuanceRequest("app.test", List.of("app.test", "api.test"),
                List.of("10.0.0.7", "::1", "[fd00::2]"), "server", "ecdsa-p384", 90, 1L));
    }

    @Test
    void rejectedNameIsShownUnderTheNamesBoxWithTheServiceMessageAndTheFormKeepsWhatWasTyped() throws Exception {
        String message = "'bad..name.test' is not a valid host name: it has an empty label; write e.g. app.home.test";
        given(issuance.issue(any(), any())).willThrow(new InvalidInputException("dnsNames", message));

        mvc.perform(post("/certificates/new").with(csrf())
                        .param("commonName", "cn.test").param("names", "ok.test\nbad..name.test").param("validityDays", "365"))
                .andExpect(status().isOk())
                .andExpect(view().name("certificates/issueForm"))
                .andExpect(model().attributeHasFieldErrorCode("issueForm", "names", "rejected"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"names-error\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("bad..name.test&#39; is not a valid host name")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("ok.test\nbad..name.test</textarea>")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"cn.test\"")));
    }

    @Test
    void validityOverTheAppleLimitIsShownUnderTheValidityField() throws Exception {
        String message = "validity of 900 days exceeds 825, the most Apple platforms accept for a TLS certificate; choose 825 or fewer";
        given(issuance.issue(any(), any())).willThrow(new PolicyViolationException("validityDays", message));

        mvc.perform(post("/certificates/new").with(csrf()).param("names", "app.test").param("validityDays", "900"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("issueForm", "validityDays", "rejected"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("choose 825 or fewer")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("value=\"900\"")));
    }

    @Test
    void validityThatIsNotANumberIsAFieldErrorAndNothingIsIssued() throws Exception {
        mvc.perform(post("/certificates/new").with(csrf()).param("names", "app.test").param("validityDays", "a year"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrors("issueForm", "validityDays"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("validity is a whole number of days")));
        verify(issuance, never()).issue(any(), any());
    }

    @Test
    void unknownCaIsShownUnderTheIssuingCaField() throws Exception {
        given(issuance.issue(any(), any())).willThrow(new dev.inkan.engine.NotFoundException("caId", "no CA 9; choose one from the list"));

        mvc.perform(post("/certificates/new").with(csrf()).param("names", "app.test").param("caId", "9"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("issueForm", "caId", "rejected"))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("no CA 9; choose one from the list")));
    }

    @Test
    void postWithoutCsrfTokenIsForbiddenAndIssuesNothing() throws Exception {
        mvc.perform(post("/certificates/new").param("names", "app.test"))
                .andExpect(status().isForbidden());
        verify(issuance, never()).issue(any(), any());
    }
}
