package dev.inkan.web.ui;

/**
 * The new-CA form as typed. The constraint boxes take one entry per line or comma separated;
 * {@code parentId} empty means a root. The service checks everything ({@code CreateCaRequest}).
 */
public class CaForm {

    private String name = "";
    private Long parentId;
    private String keyType = "ecdsa-p256";
    private Integer validityDays = 3650;
    private String permittedDnsDomains = "";
    private String permittedIpRanges = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public Long getParentId() {
        return parentId;
    }

    public void setParentId(Long parentId) {
        this.parentId = parentId;
    }

    public String getKeyType() {
        return keyType;
    }

    public void setKeyType(String keyType) {
        this.keyType = keyType;
    }

    public Integer getValidityDays() {
        return validityDays;
    }

    public void setValidityDays(Integer validityDays) {
        this.validityDays = validityDays;
    }

    public String getPermittedDnsDomains() {
        return permittedDnsDomains;
    }

    public void setPermittedDnsDomains(String permittedDnsDomains) {
        this.permittedDnsDomains = permittedDnsDomains;
    }

    public String getPermittedIpRanges() {
        return permittedIpRanges;
    }

    public void setPermittedIpRanges(String permittedIpRanges) {
        this.permittedIpRanges = permittedIpRanges;
    }
}
