-- An index build on a large table may take longer than the pool's statement limit (application.properties).
SET LOCAL statement_timeout = 0;
-- A submit that fails gives its payment authorization back only when no order holds it
-- (OrderService.releaseUnlessPlaced): that question is asked by payment reference.
CREATE INDEX customer_order_payment_idx ON customer_order (payment_reference);
