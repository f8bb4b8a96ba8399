package io.storefront.warehouse.notify;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Signature} of a webhook notification, {@code sha256=<lowercase hex HMAC-SHA256>} over the exact body
 * bytes, keyed with the warehouse's secret: a receiver recomputes it over the bytes it received to know that the
 * notification is ours and unaltered.
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Signature";

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Compares in constant time, so that a forger learns nothing from how long a rejection takes. */
    public static boolean verify(String secret, byte[] body, String signature) {
        return signature != null
                && MessageDigest.isEqual(sign(secret, body).getBytes(US_ASCII), signature.getBytes(US_ASCII));
    }
}
