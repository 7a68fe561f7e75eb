package dev.inkan.web.ui;

/**
 * The CSR form as typed. {@code previewed} carries the CSR text the user saw in the preview: the
 * request is signed only when the text submitted is the text previewed.
 */
public class CsrForm {

    private String csr = "";
    private String previewed;
    private String profile = "server";
    private Integer validityDays = 365;
    private Long caId;

    /** Whether this submission confirms the preview of exactly this CSR. */
    boolean confirmsPreview() {
        return previewed != null && !csr.isBlank() && previewed.strip().equals(csr.strip());
    }

    public String getCsr() {
        return csr;
    }

    public void setCsr(String csr) {
        this.csr = csr == null ? "" : csr;
    }

    public String getPreviewed() {
        return previewed;
    }

    public void setPreviewed(String previewed) {
        this.previewed = previewed;
    }

    public String getProfile() {
        return profile;
    }

    public void setProfile(String profile) {
        this.profile = profile;
    }

    public Integer getValidityDays() {
        return validityDays;
    }

    public void setValidityDays(Integer validityDays) {
        this.validityDays = validityDays;
    }

    public Long getCaId() {
        return caId;
    }

    public void setCaId(Long caId) {
        this.caId = caId;
    }
}
