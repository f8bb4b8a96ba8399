package io.storefront.warehouse.notify;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Signature} of a webhook notification: {@code sha256=<lowercase hex HMAC-SHA256>}, keyed with the
 * warehouse's secret, over {@code <X-Timestamp>.<X-Event-Id>.<exact body bytes>}. A receiver recomputes it to know
 * that the notification is ours and unaltered, rejects a timestamp older than a few minutes (a replayed capture),
 * and ignores an event id it has seen (a retry).
 */
public final class WebhookSignature {

    public static final String HEADER = "X-Signature";
    public static final String TIMESTAMP_HEADER = "X-Timestamp";

    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {
    }

    /** {@code timestamp}: seconds since the epoch when the request was sent. */
    public static String sign(String secret, long timestamp, String eventId, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(UTF_8), ALGORITHM));
            mac.update((timestamp + "." + eventId + ".").getBytes(UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** Compares in constant time, so that a forger learns nothing from how long a rejection takes. */
    public static boolean verify(String secret, long timestamp, String eventId, byte[] body, String signature) {
        return signature != null && MessageDigest.isEqual(sign(secret, timestamp, eventId, body).getBytes(US_ASCII),
                signature.getBytes(US_ASCII));
    }
}
