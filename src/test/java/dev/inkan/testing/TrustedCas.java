package dev.inkan.testing;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The CAs the tests' HTTPS clients trust: the default CA of every service a test started (nothing
 * else, not even the JDK's roots). Verification is the JDK's own PKIX with host-name checking
 * (an {@code https://127.0.0.1} URL needs an iPAddress SAN), over the set as it is at each handshake.
 */
public final class TrustedCas {

    private static final Set<X509Certificate> ANCHORS = new LinkedHashSet<>();
    private static volatile X509ExtendedTrustManager current;
    private static final SSLContext CONTEXT;

    static {
        try {
            CONTEXT = SSLContext.getInstance("TLS");
            CONTEXT.init(null, new TrustManager[] {new Delegate()}, null);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private TrustedCas() {}

    /** Trusts this CA (PEM) from now on. */
    public static synchronized X509Certificate add(String pem) {
        try {
            X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (ANCHORS.add(ca)) {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                int i = 0;
                for (X509Certificate anchor : ANCHORS) {
                    store.setCertificateEntry("ca-" + i++, anchor);
                }
                TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
                factory.init(store);
                current = (X509ExtendedTrustManager) factory.getTrustManagers()[0];
            }
            return ca;
        } catch (Exception e) {
            throw new AssertionError("cannot trust " + pem, e);
        }
    }

    /** The TLS context of every test HTTPS client. */
    public static SSLContext sslContext() {
        return CONTEXT;
    }

    /** A JDK HTTP client (HTTP/1.1, no redirects followed) over {@link #sslContext()}, for tests that build their own requests. */
    public static java.net.http.HttpClient httpClient() {
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).sslContext(CONTEXT).build();
    }

    private static X509ExtendedTrustManager trust() throws CertificateException {
        X509ExtendedTrustManager trust = current;
        if (trust == null) {
            throw new CertificateException("no CA is trusted yet: a test must call TrustedCas.add with the service's CA");
        }
        return trust;
    }

    /** Defers to the PKIX trust manager of the CAs added so far. */
    private static final class Delegate extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            trust().checkServerTrusted(chain, authType, socket);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            trust().checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            trust().checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("test clients do not accept client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("test clients do not accept client certificates");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("test clients do not accept client certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            synchronized (TrustedCas.class) {
                return ANCHORS.toArray(X509Certificate[]::new);
            }
        }
    }
}
