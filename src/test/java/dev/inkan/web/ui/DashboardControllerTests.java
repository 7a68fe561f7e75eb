package dev.inkan.web.ui;

import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

import dev.inkan.issuance.CertificateStatus;
import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.issuance.IssuanceService;
import dev.inkan.issuance.StatusCounts;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

class DashboardControllerTests extends UiSliceTest {


    @Test
    void dashboardShowsTheCountsTheNextToExpireAndTheCas() throws Exception {
        StatusCounts counts = new StatusCounts(11, 3, 2, 1, 17);
        given(certificates.counts(null)).willReturn(counts);
        given(certificates.expiringNext(DashboardController.NEXT_TO_EXPIRE)).willReturn(List.of(UiFixtures.summary(5, CertificateStatus.EXPIRING)));
        given(authorities.list()).willReturn(List.of(UiFixtures.ca(1, List.of("home.test"))));

        page("/", "dashboard/dashboard")
                .andExpect(model().attribute("counts", counts))
                .andExpect(shows("expiring within 30 days", "/certificates?status=expiring", "class=\"badge expiring\"",
                        "only home.test and names below them", "Log out"));
    }

    @Test
    void emptyDashboardSaysWhatToDoNext() throws Exception {
        given(certificates.counts(null)).willReturn(new StatusCounts(0, 0, 0, 0, 0));
        given(certificates.expiringNext(DashboardController.NEXT_TO_EXPIRE)).willReturn(List.of());
        given(authorities.list()).willReturn(List.of());

        mvc.perform(get("/"))
                .andExpect(shows("No certificate is due to expire", "No CA yet"));
    }
}
