package dev.inkan.web.api;

import static org.mockito.Mockito.when;

import dev.inkan.authority.CertificateAuthorityService;
import dev.inkan.config.AdminCredentials;
import dev.inkan.config.InkanProperties;
import dev.inkan.config.SecurityConfiguration;
import dev.inkan.issuance.CertificateRecords;
import dev.inkan.issuance.CertificateRevocation;
import dev.inkan.issuance.IssuanceService;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The API controllers alone (@WebMvcTest) with the real security chain, error advice and body
 * limit, and the services mocked. One configuration for every slice test: one cached context.
 */
@WebMvcTest({CertificateApiController.class, CaApiController.class, CaPemController.class})
@Import(SecurityConfiguration.class)
@EnableConfigurationProperties(InkanProperties.class)
abstract class ApiSliceTest extends dev.inkan.web.ModuleBeanMocks {

    static final String BEARER = "Bearer slice-token";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    IssuanceService issuance;

    @MockitoBean
    CertificateRecords records;

    @MockitoBean
    CertificateRevocation revocation;

    @MockitoBean
    CertificateAuthorityService authorities;

    @MockitoBean
    AdminCredentials credentials;

    @BeforeEach
    void acceptTheSliceToken() {
        when(credentials.tokenMatches("slice-token")).thenReturn(true);
        when(credentials.tokenFile()).thenReturn(Path.of("/data/admin-token"));
    }
}
