package org.eusedge.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** A TLS socket factory that trusts the certificates in one trust store (the room broker's CA). */
final class TrustStores {
    private TrustStores() {}

    static SSLSocketFactory socketFactory(Path trustStore, String password) {
        if (!Files.isReadable(trustStore)) {
            throw new IllegalArgumentException("MQTT trust store " + trustStore + " does not exist or is not readable");
        }
        try {
            // KeyStore.getInstance(File, ...) recognises PKCS12 and JKS by their content
            KeyStore store = KeyStore.getInstance(trustStore.toFile(), password == null ? null : password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read MQTT trust store " + trustStore
                    + " (PKCS12 or JKS expected; is the password right?): " + e.getMessage(), e);
        }
    }
}
