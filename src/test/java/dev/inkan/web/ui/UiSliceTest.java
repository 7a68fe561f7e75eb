package dev.inkan.web.ui;

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
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every UI controller (@WebMvcTest) with the services mocked, logged in as admin. One configuration
 * for every UI slice test, so Spring builds one context for all of them (one per class cost ~5 s each).
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
}
