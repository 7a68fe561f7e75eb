package dev.inkan.web.ui;

/** The import-CA form as typed; the service checks it ({@code ImportCaRequest}, {@code CaCertificateCheck}). */
public class ImportForm {

    public String name = "";
    public String certificatePem = "";
    public String privateKeyPem = "";
    public String keyPassword = "";
}
