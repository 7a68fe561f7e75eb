package dev.inkan.web.ui;

/**
 * The new-CA form as typed. The constraint boxes take one entry per line or comma separated;
 * {@code parentId} empty means a root. The service checks everything ({@code CreateCaRequest}).
 * Like every form of the UI it is bound field by field ({@link UiErrorAdvice#bindFormFields}).
 */
public class CaForm {

    public String name = "";
    public Long parentId;
    public String keyType = "ecdsa-p256";
    public Integer validityDays = 3650;
    public String permittedDnsDomains = "";
    public String permittedIpRanges = "";
}
