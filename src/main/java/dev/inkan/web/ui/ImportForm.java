package dev.inkan.web.ui;

/** The import-CA form as typed; the service checks it ({@code ImportCaRequest}, {@code CaCertificateCheck}). */
public class ImportForm {

    private String name = "";
    private String certificatePem = "";
    private String privateKeyPem = "";
    private String keyPassword = "";

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getCertificatePem() {
        return certificatePem;
    }

    public void setCertificatePem(String certificatePem) {
        this.certificatePem = certificatePem;
    }

    public String getPrivateKeyPem() {
        return privateKeyPem;
    }

    public void setPrivateKeyPem(String privateKeyPem) {
        this.privateKeyPem = privateKeyPem;
    }

    public String getKeyPassword() {
        return keyPassword;
    }

    public void setKeyPassword(String keyPassword) {
        this.keyPassword = keyPassword;
    }
}
