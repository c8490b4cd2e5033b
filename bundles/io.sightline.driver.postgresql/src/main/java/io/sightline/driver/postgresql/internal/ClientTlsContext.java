package io.sightline.driver.postgresql.internal;

import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509TrustManager;

import io.sightline.api.driver.TlsSettings;

/**
 * The in-memory TLS context of a connection that presents a client certificate: the certificate
 * chain and its key (never written anywhere), and the trust of the TLS mode as pgjdbc's own
 * factories would apply it: REQUIRE trusts any server certificate (pgjdbc's {@code NonValidatingTM});
 * VERIFY_CA and VERIFY_FULL check the chain against the data source's CA, or else the JVM's trust
 * store. The host name (VERIFY_FULL) is checked by pgjdbc after the handshake, whatever the factory.
 */
final class ClientTlsContext {
    private ClientTlsContext() {}

    static SSLContext create(TlsSettings tls, List<X509Certificate> chain, PrivateKey key) throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new X509ExtendedKeyManager[] {new ClientKeyManager(chain, key)}, trustManagers(tls), null);
        return context;
    }

    private static TrustManager[] trustManagers(TlsSettings tls) throws GeneralSecurityException {
        if (tls.mode() == TlsSettings.Mode.REQUIRE) {
            return new TrustManager[] {new TrustAnyServer()};
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        String ca = tls.caCertificatePem();
        if (ca == null || ca.isBlank()) {
            factory.init((KeyStore) null); // the JVM's trust store, as DefaultJavaSSLFactory
        } else {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(ca.strip().getBytes(StandardCharsets.US_ASCII)))) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            factory.init(store);
        }
        return factory.getTrustManagers();
    }

    /**
     * Presents the one certificate whenever the server asks and the key fits the signature algorithm
     * the handshake offers, whatever authorities the server lists (as libpq does): a certificate the
     * server does not trust then fails with the server's alert, which names the problem, rather than
     * with a login refused for want of a certificate.
     */
    static final class ClientKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "sightline-client";
        private final X509Certificate[] chain;
        private final PrivateKey key;

        ClientKeyManager(List<X509Certificate> chain, PrivateKey key) {
            this.chain = chain.toArray(new X509Certificate[0]);
            this.key = key;
        }

        private boolean fits(String[] keyTypes) {
            if (keyTypes == null) {
                return false;
            }
            for (String keyType : keyTypes) {
                if (keyType != null && (keyType.equals(key.getAlgorithm()) || keyType.equals(chain[0].getPublicKey().getAlgorithm()))) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
            return fits(keyTypes) ? ALIAS : null;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
            return fits(keyTypes) ? ALIAS : null;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return fits(new String[] {keyType}) ? new String[] {ALIAS} : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String toString() {
            return "ClientKeyManager[" + chain[0].getSubjectX500Principal() + "]"; // never the key
        }
    }

    /** TLS mode require: encrypted, any server certificate accepted (as pgjdbc's NonValidatingTM). */
    static final class TrustAnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // require: no certificate check, by definition of the mode
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
