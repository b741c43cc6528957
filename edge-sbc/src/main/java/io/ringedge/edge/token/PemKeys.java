package io.ringedge.edge.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/** Reads EC keys given as PEM (or bare base64) SubjectPublicKeyInfo / PKCS#8, as openssl writes them. */
public final class PemKeys {

    private PemKeys() {
    }

    public static ECPublicKey ecPublicKey(String pem) {
        try {
            var key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der(pem)));
            return requireP256((ECPublicKey) key);
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a PEM EC public key (SubjectPublicKeyInfo): " + e.getMessage(), e);
        }
    }

    public static ECPrivateKey ecPrivateKey(String pem) {
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("not a PEM EC private key (PKCS#8): " + e.getMessage(), e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static ECPublicKey requireP256(ECPublicKey key) {
        if (key.getParams().getCurve().getField().getFieldSize() != 256) {
            throw new IllegalArgumentException("ES256 needs a P-256 key");
        }
        return key;
    }

    private static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
