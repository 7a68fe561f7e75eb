package dev.inkan.web.ui;

/**
 * What the two forms that end in a signed certificate share, as typed: the profile (its extended key
 * usage), the validity and the issuing CA. The service checks them, never the form.
 */
public abstract class SigningForm {

    private String profile = "server";
    private Integer validityDays = 365;
    private Long caId;

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
