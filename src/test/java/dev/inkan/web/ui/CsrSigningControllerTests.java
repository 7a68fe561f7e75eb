package dev.inkan.web.ui;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.issuance.CsrIssuanceRequest;
import dev.inkan.issuance.CsrPreview;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.IssuedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

class CsrSigningControllerTests extends UiSliceTest {

    static final String CSR = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";
    static final CsrPreview PREVIEW = new CsrPreview("app.test", List.of("app.test", "www.app.test"), List.of("10.0.0.9"),
            "ECDSA P-256", "server", 365, 1, "Test Root CA");


    @BeforeEach
    void oneDefaultCa() {
        givenCas(UiFixtures.ca(1, List.of()));
    }

    @Test
    void csrFormOffersPasteAndUpload() throws Exception {
        page("/certificates/csr", "certificates/csrForm")
                .andExpect(shows("type=\"file\"", "enctype=\"multipart/form-data\""));
    }

    @Test
    void firstSubmissionShowsWhatWillBeSignedAndSignsNothing() throws Exception {
        given(issuance.previewCsr(any())).willReturn(PREVIEW);

        mvc.perform(post("/certificates/csr").with(csrf()).param("csr", CSR).param("profile", "server").param("validityDays", "365"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("preview", PREVIEW))
                .andExpect(shows("What will be signed", "DNS:www.app.test", "IP Address:10.0.0.9", "Sign this request"));
        verify(issuance, never()).signCsr(any(), any());
    }

    @Test
    void confirmingThePreviewOfTheSameCsrSignsIt() throws Exception {
        given(issuance.signCsr(any(), eq("admin"))).willReturn(new IssuedCertificate(7, "0b", "app.test", List.of(), List.of(),
                "server", "ecdsa-p256", 1, UiFixtures.NOW, UiFixtures.NOW, "pem", "pem", null, List.of()));

        mvc.perform(post("/certificates/csr").with(csrf()).param("csr", CSR).param("previewed", CSR)
                        .param("profile", "client").param("validityDays", "30").param("caId", "1"))
                .andExpect(redirectedUrl("/certificates/7"));
        verify(issuance).signCsr(new CsrIssuanceRequest(CSR, "client", 30, 1L), "admin");
    }

    @Test
    void csrChangedAfterThePreviewIsPreviewedAgainNotSigned() throws Exception {
        given(issuance.previewCsr(any())).willReturn(PREVIEW);

        mvc.perform(post("/certificates/csr").with(csrf()).param("csr", CSR).param("previewed", CSR.replace("MIIB", "MIIC")))
                .andExpect(status().isOk())
                .andExpect(model().attribute("preview", PREVIEW));
        verify(issuance, never()).signCsr(any(), any());
    }

    @Test
    void uploadedCsrFileIsPreviewed() throws Exception {
        given(issuance.previewCsr(any())).willReturn(PREVIEW);

        mvc.perform(multipart("/certificates/csr").file(new MockMultipartFile("file", "app.csr", "application/pkcs10",
                        CSR.getBytes(StandardCharsets.US_ASCII))).with(csrf()).param("validityDays", "365"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("preview", PREVIEW));
        verify(issuance).previewCsr(new CsrIssuanceRequest(CSR, "server", 365, null));
    }

    @Test
    void csrAskingForCaRightsIsRefusedUnderTheCsrField() throws Exception {
        String message = "the CSR asks for CA rights (basicConstraints CA:TRUE or keyCertSign); a CSR cannot make a CA";
        given(issuance.previewCsr(any())).willThrow(new PolicyViolationException("csr", message));

        mvc.perform(post("/certificates/csr").with(csrf()).param("csr", CSR))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("csrForm", "csr", "rejected"))
                .andExpect(model().attributeDoesNotExist("preview"))
                .andExpect(shows("a CSR cannot make a CA"));
    }
}
