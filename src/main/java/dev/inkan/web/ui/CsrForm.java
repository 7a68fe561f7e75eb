package dev.inkan.web.ui;

/**
 * The CSR form as typed. {@code previewed} carries the CSR text the user saw in the preview: the
 * request is signed only when the text submitted is the text previewed.
 */
public class CsrForm extends SigningForm {

    public String csr = "";
    public String previewed;

    /** Whether this submission confirms the preview of exactly this CSR. */
    boolean confirmsPreview() {
        return previewed != null && !csr.isBlank() && previewed.strip().equals(csr.strip());
    }
}
