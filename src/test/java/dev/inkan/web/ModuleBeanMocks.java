package dev.inkan.web;

import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * What every controller slice needs mocked although no slice test drives it: the collaborators of the
 * ACME error advice and of the revocation beans that the slices' controllers and advice pull in. One
 * list for the API slice ({@code ApiSliceTest}) and the UI slice ({@code UiSliceTest}).
 */
public abstract class ModuleBeanMocks {

    /** The ACME error advice applies to every controller advice scan; its collaborator is not in a slice. */
    @MockitoBean
    dev.inkan.web.acme.AcmeExchange acmeExchange;
    @MockitoBean
    dev.inkan.revocation.CrlPublisher crls;
    @MockitoBean
    dev.inkan.revocation.CaRevocationService caRevocations;
    @MockitoBean
    dev.inkan.revocation.PublicationUrls publicationUrls;
    @MockitoBean
    dev.inkan.revocation.RevocationStatusView revocationStatus;
    @MockitoBean
    dev.inkan.revocation.OcspResponder ocspResponder;
}
