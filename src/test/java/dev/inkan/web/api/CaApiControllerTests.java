package dev.inkan.web.api;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.inkan.authority.CertificateAuthority;
import dev.inkan.authority.CreateCaRequest;
import dev.inkan.authority.ImportCaRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** {@link CaApiController} and {@link CaPemController}: the CA contract over mocked services. */
class CaApiControllerTests extends ApiSliceTest {

    private static final CertificateAuthority ROOT = new CertificateAuthority(3, "Dev Root", dev.inkan.authority.CaKind.ROOT, null, "CN=Dev Root", "01",
            "ecdsa-p256", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2036-01-01T00:00:00Z"), "ab", List.of(), List.of(),
            "unconstrained", true, Instant.parse("2026-01-01T00:00:00Z"), "ROOT PEM", "ROOT PEM", null);

    @Test
    void listAndShowAnswerTheCasWithoutAnyKey() throws Exception {
        when(authorities.list()).thenReturn(List.of(ROOT));
        when(authorities.get(3)).thenReturn(ROOT);

        mvc.perform(get("/api/v1/cas").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(3))
                .andExpect(jsonPath("$[0].defaultAuthority").value(true))
                .andExpect(jsonPath("$[0].privateKeyPem").doesNotExist());
        mvc.perform(get("/api/v1/cas/3").header("Authorization", BEARER)).andExpect(jsonPath("$.name").value("Dev Root"));
        mvc.perform(get("/api/v1/cas/3/certificate").header("Authorization", BEARER))
                .andExpect(content().contentTypeCompatibleWith("application/x-pem-file"))
                .andExpect(content().string("ROOT PEM"));
    }

    @Test
    void createAndImportAnswer201WithLocation() throws Exception {
        when(authorities.create(any(), eq("api-token"))).thenReturn(ROOT);
        when(authorities.importAuthority(any(), eq("api-token"))).thenReturn(ROOT);

        mvc.perform(post("/api/v1/cas").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Dev Sub\",\"parentId\":3,\"permittedDnsDomains\":[\"corp.test\"]}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/cas/3"));
        verify(authorities).create(new CreateCaRequest("Dev Sub", null, null, null, 3L, List.of("corp.test"), null, null), "api-token");

        mvc.perform(post("/api/v1/cas/import").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"certificatePem\":\"C\",\"privateKeyPem\":\"K\"}"))
                .andExpect(status().isCreated());
        verify(authorities).importAuthority(new ImportCaRequest(null, "C", "K", null), "api-token");
    }

    @Test
    void caPemIsPublic() throws Exception {
        when(authorities.defaultAuthority()).thenReturn(ROOT);
        mvc.perform(get("/ca.pem"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"ca.pem\""))
                .andExpect(content().string("ROOT PEM"));
    }
}
