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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.inkan.issuance.CertificateStatus;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.engine.ConflictException;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.issuance.CertificatePage;
import dev.inkan.issuance.CertificateQuery;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.PemFile;
import dev.inkan.issuance.Pkcs12Request;
import dev.inkan.issuance.RevocationRequest;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import dev.inkan.export.BundleExport;
import dev.inkan.export.BundleOptions;
import dev.inkan.engine.Pkcs12;

class CertificatePageControllerTests extends UiSliceTest {


    @BeforeEach
    void oneCaAndOneCertificate() {
        given(authorities.list()).willReturn(List.of(UiFixtures.ca(1, List.of())));
        given(certificates.get(5)).willReturn(UiFixtures.details(5, CertificateStatus.VALID, true));
        given(certificates.get(404)).willThrow(new NotFoundException("id", "no certificate 404; find it in the list"));
    }

    @Test
    void listPassesSearchFilterSortAndPageToTheServiceAndShowsBadges() throws Exception {
        given(certificates.search(any())).willReturn(new CertificatePage(
                List.of(UiFixtures.summary(5, CertificateStatus.VALID), UiFixtures.summary(6, CertificateStatus.REVOKED)), 1, 20, 42, true));

        mvc.perform(get("/certificates").param("q", "app").param("status", "valid").param("ca", "1")
                        .param("sort", "-expiry").param("page", "2"))
                .andExpect(status().isOk())
                .andExpect(view().name("certificates/certificateList"))
                .andExpect(shows("42 certificates", "Page 2 of 3", "class=\"badge revoked\"", "app.test, api.test, 10.0.0.7",
                        "aria-sort=\"descending\""));
        verify(certificates).search(new CertificateQuery("app", "valid", 1L, null, 1, 20, "-expiry"));
    }

    @Test
    void listSaysTenThousandPlusWhenTheServiceStoppedCounting() throws Exception {
        given(certificates.search(any())).willReturn(new CertificatePage(List.of(UiFixtures.summary(5, CertificateStatus.VALID)), 0, 20, 10_000, false));

        mvc.perform(get("/certificates"))
                .andExpect(shows("10,000+ certificates"));
    }

    @Test
    void listDefaultsToSoonestExpiryFirst() throws Exception {
        given(certificates.search(any())).willReturn(new CertificatePage(List.of(), 0, 20, 0, true));

        mvc.perform(get("/certificates"))
                .andExpect(shows("No certificate matches"));
        verify(certificates).search(new CertificateQuery(null, null, null, null, 0, 20, "expiry"));
    }

    @Test
    void certificatePageShowsTheDecodedFieldsAndEveryDownload() throws Exception {
        page("/certificates/5", "certificates/certificateDetails")
                .andExpect(shows("DNS:api.test", "IP Address:10.0.0.7", "TLS Web Server Authentication",
                        "Authority Key Identifier",
                        UiFixtures.details(5, CertificateStatus.VALID, true).details().sha256Fingerprint(),
                        "/certificates/5/fullchain.pem", "/certificates/5/key.pem", "/certificates/5/pkcs12"));
    }

    @Test
    void certificateWithoutAStoredKeyOffersNoKeyDownloads() throws Exception {
        given(certificates.get(6)).willReturn(UiFixtures.details(6, CertificateStatus.VALID, false));

        mvc.perform(get("/certificates/6"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/certificates/6/key.pem"))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/certificates/6/pkcs12"))))
                .andExpect(shows("does not hold this certificate"));
    }

    @Test
    void pemDownloadIsAnAttachmentNamedAfterTheCertificate() throws Exception {
        given(certificates.pem(5, PemFile.FULLCHAIN)).willReturn("-----BEGIN CERTIFICATE-----\n");

        mvc.perform(get("/certificates/5/fullchain.pem"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"app.test-fullchain.pem\""))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().string("-----BEGIN CERTIFICATE-----\n"));
    }

    @Test
    void pkcs12IsDownloadedWithTheChosenPassword() throws Exception {
        given(certificates.pkcs12(5, new Pkcs12Request("s3cret!", "legacy"))).willReturn(new byte[] {0x30, 0x01});

        mvc.perform(post("/certificates/5/pkcs12").with(csrf()).param("password", "s3cret!").param("encryption", "legacy"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"app.test-cert.p12\""))
                .andExpect(content().bytes(new byte[] {0x30, 0x01}));
    }

    @Test
    void nginxBundleIsDownloadedAsAZipWhoseP12UsesTheChosenPasswordAndEncryption() throws Exception {
        given(bundles.zip(any(), any())).willReturn(new byte[] {0x50, 0x4b});

        mvc.perform(post("/certificates/5/bundle.zip").with(csrf()).param("password", "s3cret!").param("encryption", "legacy"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"app.test-bundle.zip\""))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andExpect(content().bytes(new byte[] {0x50, 0x4b}));
        var options = org.mockito.ArgumentCaptor.forClass(BundleOptions.class);
        org.mockito.Mockito.verify(bundles).zip(any(), options.capture());
        assertThat(new String(options.getValue().pkcs12Password())).isEqualTo("s3cret!");
        assertThat(options.getValue().pkcs12Encryption()).isEqualTo(Pkcs12.Encryption.LEGACY);
    }

    @Test
    void bundleWithATooShortPasswordShowsTheErrorAndBuildsNothing() throws Exception {
        mvc.perform(post("/certificates/5/bundle.zip").with(csrf()).param("password", "ab"))
                .andExpect(status().isOk())
                .andExpect(view().name("certificates/certificateDetails"))
                .andExpect(model().attributeExists("pkcs12Error"));
        org.mockito.Mockito.verifyNoInteractions(bundles);
    }

    @Test
    void tooShortPkcs12PasswordIsShownNextToThePasswordField() throws Exception {
        given(certificates.pkcs12(eq(5L), any())).willThrow(new InvalidInputException("password",
                "choose a password of 4 to 1024 characters to protect the PKCS#12 file (OpenSSL refuses shorter ones)"));

        mvc.perform(post("/certificates/5/pkcs12").with(csrf()).param("password", "ab"))
                .andExpect(status().isOk())
                .andExpect(model().attribute("pkcs12Error", "choose a password of 4 to 1024 characters to protect the PKCS#12 file (OpenSSL refuses shorter ones)"))
                .andExpect(shows("4 to 1024 characters"));
    }

    @Test
    void revocationAsksForAReasonAndConfirmationFirst() throws Exception {
        page("/certificates/5/revoke", "certificates/revokeForm")
                .andExpect(shows("cannot be undone", "value=\"keyCompromise\""));
        verify(revocation, never()).revoke(eq(5L), any(), any());
    }

    @Test
    void confirmedRevocationIsPassedToTheServiceWithTheReason() throws Exception {
        mvc.perform(post("/certificates/5/revoke").with(csrf()).param("reason", "keyCompromise"))
                .andExpect(redirectedUrl("/certificates/5"));
        verify(revocation).revoke(5, new RevocationRequest("keyCompromise"), "admin");
    }

    @Test
    void revokedCertificateShowsItsBadgeReasonAndNoRevokeButton() throws Exception {
        given(certificates.get(7)).willReturn(UiFixtures.details(7, CertificateStatus.REVOKED, true));

        mvc.perform(get("/certificates/7"))
                .andExpect(shows("class=\"badge revoked\"", "keyCompromise"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/certificates/7/revoke"))));
    }

    @Test
    void revokingTwiceGetsAConflictPageInTheLayout() throws Exception {
        given(revocation.revoke(eq(5L), any(), any())).willThrow(new ConflictException("id", "certificate 5 is already revoked"));

        mvc.perform(post("/certificates/5/revoke").with(csrf()).param("reason", "superseded"))
                .andExpect(status().isConflict())
                .andExpect(view().name("error"))
                .andExpect(shows("certificate 5 is already revoked"));
    }

    @Test
    void deletingTheKeyCallsTheServiceAndReturnsToThePage() throws Exception {
        mvc.perform(post("/certificates/5/key/delete").with(csrf()))
                .andExpect(redirectedUrl("/certificates/5"));
        verify(certificates).deleteKey(5, "admin");
    }

    @Test
    void unknownCertificateIsTheFriendly404Page() throws Exception {
        mvc.perform(get("/certificates/404"))
                .andExpect(status().isNotFound())
                .andExpect(view().name("error/404"))
                .andExpect(shows("no certificate 404; find it in the list"));
    }

    @Test
    void aClampedValidityIsShownAsANoticeAfterIssuing() throws Exception {
        String warning = "validity clamped to the CA's notAfter 2026-12-10T00:00:00Z: asked 365 days, got 10 days";
        mvc.perform(get("/certificates/5").flashAttr("warnings", List.of(warning)))
                .andExpect(status().isOk())
                .andExpect(shows("id=\"issue-warnings\"", "validity clamped to the CA&#39;s notAfter 2026-12-10T00:00:00Z"));
        mvc.perform(get("/certificates/5"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("issue-warnings"))));
    }

    @Test
    void aKeyRevokedForKeyCompromiseIsAConflictPageSayingWhy() throws Exception {
        given(certificates.pem(5, PemFile.KEY)).willThrow(new dev.inkan.engine.ConflictException("id",
                "certificate 5 was revoked for keyCompromise on 2026-11-22T02:00:00Z: its private key must be treated as known to others"));
        mvc.perform(get("/certificates/5/key.pem"))
                .andExpect(status().isConflict())
                .andExpect(shows("revoked for keyCompromise"));
    }
}
