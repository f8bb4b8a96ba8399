package io.storefront.order;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.arc.DefaultBean;
import io.quarkus.logging.Log;

/**
 * The built-in payment gateway, for trying the service and for tests: it approves every card token except
 * {@value #DECLINED_TOKEN}, which it declines. Replace it by providing another {@link PaymentGateway} bean.
 */
@ApplicationScoped
@DefaultBean
public class TestPaymentGateway implements PaymentGateway {

    public static final String DECLINED_TOKEN = "tok_declined";

    @Override
    public Authorization authorize(Charge charge) {
        if (DECLINED_TOKEN.equals(charge.token())) {
            Log.infof("Payment of %d %s declined for customer %s", charge.amount().amount(), charge.amount().currency(),
                    charge.customerId());
            return new Authorization(false, null, "The card was declined");
        }
        String reference = "auth_" + UUID.nameUUIDFromBytes(
                (charge.customerId() + "/" + charge.idempotencyKey()).getBytes(StandardCharsets.UTF_8));
        return new Authorization(true, reference, null);
    }

    @Override
    public void release(Authorization authorization) {
        Log.infof("Payment authorization %s released", authorization.reference());
    }
}
