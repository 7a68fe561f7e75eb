package dev.inkan.web.ui;

/**
 * What the two forms that end in a signed certificate share, as typed: the profile (its extended key
 * usage), the validity and the issuing CA. The service checks them, never the form.
 */
public abstract class SigningForm {

    public String profile = "server";
    public Integer validityDays = 365;
    public Long caId;
}
