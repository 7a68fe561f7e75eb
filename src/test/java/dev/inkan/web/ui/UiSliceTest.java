package dev.inkan.web.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.export.BundleExport;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.CertificateRevocation;
import dev.inkan.issuance.IssuanceService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import java.util.List;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.ResultMatcher;

/**
 * Every UI controller (@WebMvcTest) with the services mocked, logged in as admin. One configuration
 * for every UI slice test, so Spring builds one context for all of them (one per class cost ~5 s each),
 * and the fixtures and request shapes the tests share.
 */
@WebMvcTest({CaPageController.class, TrustPageController.class, CertificatePageController.class, CertificateIssueController.class,
        CsrSigningController.class, DashboardController.class, LoginPageController.class})
@WithMockUser(username = "admin")
@Import(UiSliceConfiguration.class)
abstract class UiSliceTest extends dev.inkan.web.ModuleBeanMocks {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    IssuanceService issuance;
    @MockitoBean
    CertificateRecords certificates;
    @MockitoBean
    CertificateRevocation revocation;
    @MockitoBean
    CertificateAuthorityService authorities;
    @MockitoBean
    BundleExport bundles;

    /** The CA service knows these CAs (by list and by id); the first is the default. */
    void givenCas(CertificateAuthority... cas) {
        given(authorities.list()).willReturn(List.of(cas));
        given(authorities.defaultAuthority()).willReturn(cas[0]);
        for (CertificateAuthority ca : cas) {
            given(authorities.get(ca.id())).willReturn(ca);
        }
    }

    /** GET of a page that renders: 200 with the view named. */
    ResultActions page(String url, String viewName) throws Exception {
        return mvc.perform(get(url)).andExpect(status().isOk()).andExpect(view().name(viewName));
    }

    /** The HTML of the answer contains each text (as written in the HTML: escaped). */
    static ResultMatcher shows(String... texts) {
        return result -> {
            String html = result.getResponse().getContentAsString();
            for (String text : texts) {
                assertThat(html).contains(text);
            }
        };
    }
}
