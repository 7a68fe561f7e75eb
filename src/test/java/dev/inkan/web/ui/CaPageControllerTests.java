package dev.inkan.web.ui;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
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

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.authority.CreateCaRequest;
import dev.inkan.authority.ImportCaRequest;
import dev.inkan.engine.InvalidInputException;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

class CaPageControllerTests extends UiSliceTest {


    @BeforeEach
    void twoCas() {
        givenCas(UiFixtures.ca(1, List.of()), UiFixtures.ca(2, List.of("home.test")));
    }

    @Test
    void caListShowsEachCaWithWhatItSignsFor() throws Exception {
        mvc.perform(get("/cas"))
                .andExpect(view().name("cas/caList"))
                .andExpect(shows("unconstrained: this CA can sign for any name", "only home.test and names below them",
                        "/cas/2/trust"));
    }

    @Test
    void caPageShowsTheDecodedCaCertificateWithItsExtensions() throws Exception {
        page("/cas/2", "cas/caDetails")
                .andExpect(shows("Basic Constraints", "CA:TRUE", "Certificate Sign", "Name-constrained:", "/cas/2/certificate.pem"));
    }

    @Autowired
    dev.inkan.revocation.PublicationUrls publicationUrls;
    @Autowired
    dev.inkan.revocation.CrlPublisher crlPublisher;

    @Test
    void caPageShowsTheUrlSwitchesAndTheirFormSavesWhatIsTickedOnlyWithACsrfToken() throws Exception {
        given(crlPublisher.info(1)).willReturn(new dev.inkan.revocation.CrlInfo(1, 7, java.time.Instant.parse("2026-01-01T00:00:00Z"),
                java.time.Instant.parse("2026-01-08T00:00:00Z"), 0, "http://ca.test/crl/1.crl", "http://ca.test/crl/1.pem",
                "http://ca.test/ocsp", "http://ca.test/crl/1.cer", "http://ca.test/crl/1-delta.crl"));
        given(publicationUrls.switches(1)).willReturn(new dev.inkan.revocation.UrlSwitches(true, false));
        mvc.perform(get("/cas/1"))
                .andExpect(shows("href=\"http://ca.test/crl/1-delta.crl\""))
                .andExpect(shows("action=\"/cas/1/revocation-urls\""))
                .andExpect(content().string(Matchers.matchesPattern("(?s).*name=\"crlUrl\" value=\"true\" checked=\"checked\".*")))
                .andExpect(content().string(Matchers.matchesPattern("(?s).*name=\"aia\" value=\"true\">.*")));

        mvc.perform(post("/cas/1/revocation-urls").param("aia", "true")).andExpect(status().isForbidden());
        verify(publicationUrls, org.mockito.Mockito.never()).configure(eq(1L), any());

        given(publicationUrls.configure(eq(1L), any())).willReturn(new dev.inkan.revocation.UrlSwitches(false, true));
        mvc.perform(post("/cas/1/revocation-urls").with(csrf()).param("aia", "true"))
                .andExpect(redirectedUrl("/cas/1"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash().attribute("message",
                        Matchers.containsString("no CRL distribution point and the OCSP and CA certificate URLs (AIA)")));
        verify(publicationUrls).configure(1L, new dev.inkan.revocation.UrlSwitches(false, true));
    }

    @Test
    void newCaFormOffersARootOrAnIntermediateUnderEachCa() throws Exception {
        mvc.perform(get("/cas/new"))
                .andExpect(view().name("cas/caForm"))
                .andExpect(shows("Root (self-signed)", "Intermediate under Test Root CA", "Permitted DNS domains"));
    }

    @Test
    void nameConstrainedIntermediateIsCreatedFromTheFormAndShowsItsTrustPage() throws Exception {
        given(authorities.create(any(), eq("admin"))).willReturn(UiFixtures.ca(2, List.of("home.test")));

        mvc.perform(post("/cas/new").with(csrf()).param("name", "Home Lab CA").param("parentId", "1").param("keyType", "ecdsa-p384")
                        .param("validityDays", "1825").param("permittedDnsDomains", "home.test, lab.test").param("permittedIpRanges", "192.168.1.0/24"))
                .andExpect(redirectedUrl("/cas/2/trust"));
        verify(authorities).create(new CreateCaRequest("Home Lab CA", null, "ecdsa-p384", 1825, 1L,
                List.of("home.test", "lab.test"), List.of("192.168.1.0/24"), null), "admin");
    }

    @Test
    void refusedConstraintIsShownUnderItsField() throws Exception {
        given(authorities.create(any(), any())).willThrow(new InvalidInputException("permittedDnsDomains",
                "'*.home.test': a permitted domain is written without a wildcard"));

        mvc.perform(post("/cas/new").with(csrf()).param("name", "X").param("permittedDnsDomains", "*.home.test"))
                .andExpect(status().isOk())
                .andExpect(model().attributeHasFieldErrorCode("caForm", "permittedDnsDomains", "rejected"))
                .andExpect(shows("written without a wildcard"));
    }

    @Test
    void importPassesThePemsAndShowsTheServiceRefusalUnderTheKeyField() throws Exception {
        given(authorities.importAuthority(any(), any())).willThrow(new InvalidInputException("privateKeyPem",
                "the private key does not belong to the certificate"));

        mvc.perform(post("/cas/import").with(csrf()).param("certificatePem", "CERT").param("privateKeyPem", "KEY").param("keyPassword", "pw"))
                .andExpect(status().isOk())
                .andExpect(view().name("cas/importForm"))
                .andExpect(model().attributeHasFieldErrorCode("importForm", "privateKeyPem", "rejected"))
                .andExpect(shows("does not belong to the certificate"));
        verify(authorities).importAuthority(new ImportCaRequest(null, "CERT", "KEY", "pw"), "admin");
    }

    @Test
    void caCertificateDownloadIsAnAttachment() throws Exception {
        mvc.perform(get("/cas/1/certificate.pem"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"test-root-ca.crt\""))
                .andExpect(content().string(Matchers.startsWith("-----BEGIN CERTIFICATE-----")));
    }

    @Test
    void trustPageOfAnUnconstrainedDefaultCaWarnsAndGivesEveryPlatformsCommands() throws Exception {
        page("/cas/1/trust", "cas/trustPage")
                .andExpect(shows(UiFixtures.ca(1, List.of()).details().sha256Fingerprint(), "Unconstrained."))
                .andExpect(content().string(Matchers.containsString("curl -fsSL http://localhost:8080/install/linux -o inkan-install-ca-linux.sh"
                        + " &amp;&amp; echo &#39;" + dev.inkan.export.TrustInstallers.sha256(new dev.inkan.export.TrustInstallers(dev.inkan.export.TemplateRenderer.packaged())
                        .render(dev.inkan.export.TrustPlatform.LINUX, dev.inkan.export.RootOfTrust.of(UiFixtures.CA_CERT), "http://localhost:8080")) + "  inkan-install-ca-linux.sh&#39; | sha256sum -c - &amp;&amp; sudo sh inkan-install-ca-linux.sh")))
                .andExpect(shows("curl -fsSL http://localhost:8080/ca.pem -o test-root-ca.crt"))
                .andExpect(content().string(Matchers.stringContainsInOrder("macOS", "Windows", "Debian / Ubuntu", "Fedora",
                        "Arch", "Alpine", "Firefox", "Chromium", "Java", "Node.js", "Python", "curl", "Docker")))
                .andExpect(shows("sudo update-ca-certificates", "Cert:\\LocalMachine\\Root", "data-copy=\"cmd-docker\""));
    }

    @Test
    void trustPageOfAConstrainedCaSaysWhatItMaySignFor() throws Exception {
        mvc.perform(get("/cas/2/trust"))
                .andExpect(shows("Name-constrained:"))
                .andExpect(content().string(Matchers.not(Matchers.containsString("Unconstrained."))))
                .andExpect(content().string(Matchers.not(Matchers.containsString("/install/linux"))));
    }

    @Test
    void aHostileCaNameIsEscapedInTheHtmlAndQuotedInTheCommands() throws Exception {
        String name = "<script>alert(1)</script> $(touch x) 'q' \"d\"";
        given(authorities.get(3)).willReturn(UiFixtures.ca(3, name, List.of()));
        mvc.perform(get("/cas/3/trust"))
                .andExpect(status().isOk())
                .andExpect(content().string(Matchers.not(Matchers.containsString("<script>alert"))))
                .andExpect(shows("&lt;script&gt;alert(1)&lt;/script&gt;"))
                // the certutil nickname is one single-quoted shell word ('\'' for each quote), HTML-escaped on the page
                .andExpect(shows("-n &#39;&lt;script&gt;alert(1)&lt;/script&gt; $(touch x) &#39;\\&#39;&#39;q&#39;\\&#39;&#39; &quot;d&quot;&#39; -i"));
    }
}
