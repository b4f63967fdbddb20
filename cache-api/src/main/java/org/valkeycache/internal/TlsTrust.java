package org.valkeycache.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.valkeycache.CacheConfigurationException;

/**
 * JDK TLS sockets that trust what a cache's TLS options say: the CAs of a PEM file, the
 * system's when none is given, or (insecure, testing only) anything. Used where the JDK talks TLS
 * itself: to the sentinels, for the near cache's invalidation listener, and to find out why
 * glide's TLS connect to a node failed. Not API.
 */
public final class TlsTrust {

    private TlsTrust() {
    }

    /**
     * A socket factory trusting the given material.
     *
     * @param caFile a PEM file of the CA(s) to trust instead of the system's, or {@code null}
     * @param insecure whether any certificate is accepted (testing only)
     * @param setting the setting that named {@code caFile}, for messages
     * @param purpose what the TLS is for, for messages (e.g. {@code "for TLS to the sentinels"})
     * @return the factory
     * @throws CacheConfigurationException when the file cannot be read or holds no certificate
     */
    public static SSLSocketFactory socketFactory(String caFile, boolean insecure, String setting, String purpose) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            if (insecure) {
                context.init(null, new TrustManager[] {new TrustAll()}, null);
            } else if (caFile != null) {
                KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
                store.load(null, null);
                try (InputStream in = Files.newInputStream(Path.of(caFile))) {
                    int i = 0;
                    for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                        store.setCertificateEntry("ca-" + i++, cert);
                    }
                    if (i == 0) {
                        throw new CacheConfigurationException(setting + ": '" + caFile + "' holds no certificate");
                    }
                }
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(store);
                context.init(null, tmf.getTrustManagers(), null);
            } else {
                context.init(null, null, null);
            }
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof CacheConfigurationException ce) {
                throw ce;
            }
            throw new CacheConfigurationException(setting + ": cannot use '" + caFile + "' " + purpose + ": " + e, e);
        }
    }

    /** Accepts any certificate (testing only). */
    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
