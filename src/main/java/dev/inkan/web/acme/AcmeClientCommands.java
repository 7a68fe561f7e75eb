package dev.inkan.web.acme;

import java.util.List;

/**
 * Copy-paste commands for the usual ACME clients, each with the option that makes it trust the CA that signed
 * Inkan's own HTTPS certificate ({@code ca.pem}); EAB options when the directory requires them.
 */
record AcmeClientCommands(String client, String note, String text) {

    static List<AcmeClientCommands> of(String directoryUrl, String caPemUrl, boolean eab) {
        String certbotEab = eab ? " \\\n  --eab-kid KID --eab-hmac-key HMAC_KEY" : "";
        String legoEab = eab ? " --eab --kid KID --hmac HMAC_KEY" : "";
        String acmeShEab = eab ? " --eab-kid KID --eab-hmac-key HMAC_KEY" : "";
        return List.of(
                new AcmeClientCommands("certbot", "http-01 on port 80; trust via REQUESTS_CA_BUNDLE",
                        "curl -fsSo ca.pem " + caPemUrl + "\nsudo REQUESTS_CA_BUNDLE=$PWD/ca.pem certbot certonly --standalone \\\n  --server "
                        + directoryUrl + " \\\n  -d app.example.test --agree-tos -m you@example.test" + certbotEab),
                new AcmeClientCommands("lego", "http-01 on port 80; trust via LEGO_CA_CERTIFICATES",
                        "curl -fsSo ca.pem " + caPemUrl + "\nLEGO_CA_CERTIFICATES=$PWD/ca.pem lego --server " + directoryUrl
                        + " \\\n  --email you@example.test --domains app.example.test --http" + legoEab + " run"),
                new AcmeClientCommands("Caddy", "Caddyfile global options; acme_ca_root trusts the CA",
                        "{\n  acme_ca " + directoryUrl + "\n  acme_ca_root /etc/caddy/inkan-ca.pem\n" + (eab
                        ? "  acme_eab {\n    key_id KID\n    mac_key HMAC_KEY\n  }\n" : "") + "}\napp.example.test {\n  respond \"hello\"\n}"),
                new AcmeClientCommands("Traefik", "static configuration; Traefik uses lego, so LEGO_CA_CERTIFICATES trusts the CA",
                        "# environment: LEGO_CA_CERTIFICATES=/etc/traefik/inkan-ca.pem\ncertificatesResolvers:\n  inkan:\n    acme:\n"
                        + "      caServer: " + directoryUrl + "\n      email: you@example.test\n      storage: /data/acme.json\n"
                        + (eab ? "      eab:\n        kid: KID\n        hmacEncoded: HMAC_KEY\n" : "")
                        + "      httpChallenge:\n        entryPoint: web"),
                new AcmeClientCommands("cert-manager", "ClusterIssuer; caBundle is base64 of ca.pem",
                        "apiVersion: cert-manager.io/v1\nkind: ClusterIssuer\nmetadata:\n  name: inkan\nspec:\n  acme:\n    server: "
                        + directoryUrl + "\n    caBundle: $(curl -fsS " + caPemUrl + " | base64 -w0)\n    email: you@example.test\n"
                        + "    privateKeySecretRef:\n      name: inkan-acme-account\n"
                        + (eab ? "    externalAccountBinding:\n      keyID: KID\n      keySecretRef:\n        name: inkan-eab\n        key: secret\n" : "")
                        + "    solvers:\n      - http01:\n          ingress:\n            ingressClassName: nginx"),
                new AcmeClientCommands("acme.sh", "standalone http-01; --ca-bundle trusts the CA",
                        "curl -fsSo ca.pem " + caPemUrl + "\nacme.sh --issue --server " + directoryUrl + " --ca-bundle $PWD/ca.pem \\\n"
                        + "  -d app.example.test --standalone" + acmeShEab));
    }
}
