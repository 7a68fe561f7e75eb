package dev.inkan.web.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.inkan.engine.ConflictException;
import dev.inkan.engine.NotFoundException;
import dev.inkan.engine.InvalidInputException;
import dev.inkan.engine.PolicyViolationException;
import dev.inkan.issuance.CertificatePage;
import dev.inkan.issuance.CertificateQuery;
import dev.inkan.issuance.CsrIssuanceRequest;
import dev.inkan.issuance.IssuanceRequest;
import dev.inkan.issuance.IssuedCertificate;
import dev.inkan.issuance.PemFile;
import dev.inkan.issuance.Pkcs12Request;
import dev.inkan.issuance.RevocationRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.http.MediaType;

/** {@link CertificateApiController}: requests reach the service as given, answers and errors have the contract's shape. */
class CertificateApiControllerTests extends ApiSliceTest {

    private static final IssuedCertificate ISSUED = new IssuedCertificate(7, "abc123", "app.test", List.of("app.test"), List.of(),
            "server", "ecdsa-p256", 1, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"),
            "CERT", "CHAIN", "KEY", List.of());

    @Test
    void issueHandsTheRequestAndTheCallerToTheServiceAndAnswers201WithLocation() throws Exception {
        when(issuance.issue(any(), eq("api-token"))).thenReturn(ISSUED);

        mvc.perform(post("/api/v1/certificates").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"commonName\":\"app.test\",\"dnsNames\":[\"www.app.test\"],\"validityDays\":30,\"caId\":1}"))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", "/api/v1/certificates/7"))
                .andExpect(jsonPath("$.id").value(7))
                .andExpect(jsonPath("$.serialNumber").value("abc123"))
                .andExpect(jsonPath("$.notBefore").value("2026-01-01T00:00:00Z"))
                .andExpect(jsonPath("$.privateKeyPem").value("KEY"));

        verify(issuance).issue(new IssuanceRequest("app.test", List.of("www.app.test"), null, null, null, 30, 1L), "api-token");
    }

    @Test
    void engineRefusalsBecomeProblemJsonWithTheField() throws Exception {
        when(issuance.issue(any(), any())).thenThrow(new InvalidInputException("dnsNames", "'x y' contains a space"))
                .thenThrow(new PolicyViolationException("validityDays", "over 825"))
                .thenThrow(new NotFoundException("caId", "no CA with id 9"))
                .thenThrow(new ConflictException("id", "already"));
        int[] statuses = {400, 422, 404, 409};
        String[] fields = {"dnsNames", "validityDays", "caId", "id"};
        for (int i = 0; i < statuses.length; i++) {
            mvc.perform(post("/api/v1/certificates").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON).content("{}"))
                    .andExpect(status().is(statuses[i]))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.status").value(statuses[i]))
                    .andExpect(jsonPath("$.instance").value("/api/v1/certificates"))
                    .andExpect(jsonPath("$.errors[0].field").value(fields[i]));
        }
    }

    @Test
    void anUnexpectedFailureIs500WithoutItsMessage() throws Exception {
        when(issuance.issue(any(), any())).thenThrow(new IllegalStateException("secret internals"));
        String body = mvc.perform(post("/api/v1/certificates").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isInternalServerError())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andReturn().getResponse().getContentAsString();
        assertThat(body).doesNotContain("secret internals");
    }

    @Test
    void rawPkcs10BodyAndQueryParametersReachTheService() throws Exception {
        when(issuance.signCsr(any(), any())).thenReturn(ISSUED);
        String pem = "-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n";

        mvc.perform(post("/api/v1/certificates/csr?validityDays=30&profile=client&caId=2").header("Authorization", BEARER)
                        .contentType("application/pkcs10").content(pem))
                .andExpect(status().isCreated());

        verify(issuance).signCsr(new CsrIssuanceRequest(pem, "client", 30, 2L), "api-token");
    }

    @Test
    void searchPassesEveryFilter() throws Exception {
        when(records.search(any())).thenReturn(new CertificatePage(List.of(), 1, 10, 0, true));

        mvc.perform(get("/api/v1/certificates?q=app&status=valid&caId=2&expiringWithinDays=7&page=1&size=10&sort=notAfter")
                        .header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(1))
                .andExpect(jsonPath("$.total").value(0));

        verify(records).search(new CertificateQuery("app", "valid", 2L, 7, 1, 10, "notAfter"));
    }

    @Test
    void downloadsArePemAttachmentsAndPkcs12IsBinary() throws Exception {
        when(records.pem(7, PemFile.FULLCHAIN)).thenReturn("FULL");
        when(records.pkcs12(eq(7L), any())).thenReturn(new byte[] {1, 2, 3});

        mvc.perform(get("/api/v1/certificates/7/fullchain.pem").header("Authorization", BEARER))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/x-pem-file"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"fullchain.pem\""))
                .andExpect(content().string("FULL"));
        mvc.perform(post("/api/v1/certificates/7/pkcs12").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"password\":\"secret\",\"encryption\":\"legacy\"}"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("application/x-pkcs12"))
                .andExpect(content().bytes(new byte[] {1, 2, 3}));
        verify(records).pkcs12(7, new Pkcs12Request("secret", "legacy"));
    }

    @Test
    void revokeWithoutABodyMeansUnspecifiedAndDeleteKeyIs204() throws Exception {
        mvc.perform(post("/api/v1/certificates/7/revoke").header("Authorization", BEARER)).andExpect(status().isOk());
        verify(revocation).revoke(7, new RevocationRequest(null), "api-token");

        mvc.perform(delete("/api/v1/certificates/7/key").header("Authorization", BEARER)).andExpect(status().isNoContent());
        verify(records).deleteKey(7, "api-token");
    }

    @Test
    void withoutTheTokenNothingReachesTheService() throws Exception {
        mvc.perform(post("/api/v1/certificates").contentType(MediaType.APPLICATION_JSON).content("{\"dnsNames\":[\"a.test\"]}"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", "Bearer realm=\"inkan\""))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/v1/certificates").header("Authorization", "Bearer wrong")).andExpect(status().isUnauthorized());
        verifyNoInteractions(issuance);
    }

    @Test
    void aMalformedBodyNeverReachesTheService() throws Exception {
        mvc.perform(post("/api/v1/certificates").header("Authorization", BEARER).contentType(MediaType.APPLICATION_JSON).content("{\"dnsNames\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        ArgumentCaptor<IssuanceRequest> captor = ArgumentCaptor.forClass(IssuanceRequest.class);
        verify(issuance, never()).issue(captor.capture(), any());
    }
}
