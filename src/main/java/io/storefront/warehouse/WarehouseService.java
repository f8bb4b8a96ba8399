package io.storefront.warehouse;

import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;


import io.quarkus.logging.Log;
import io.storefront.shared.db.Transactions;
import io.storefront.shared.db.Json;
import io.storefront.shared.web.Address;
import io.storefront.shared.error.ApiException;
import io.storefront.shared.error.ErrorCode;
import io.storefront.shared.security.Caller;
import io.storefront.shared.web.Page;
import io.storefront.shared.web.Paging;

/** Warehouses, and who may act for one. */
@ApplicationScoped
public class WarehouseService {

    @Inject
    Json json;

    @Inject
    Clock clock;

    public WarehouseView create(WarehouseRequest request) {
        return Transactions.retrying("Warehouse create", () -> createNow(request));
    }

    private WarehouseView createNow(WarehouseRequest request) {
        if (request == null) {
            throw ApiException.validation("body", "A request body is required");
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw ApiException.validation("name", "'name' is required and at most 200 characters");
        }
        if (request.address() == null) {
            throw ApiException.validation("address", "'address' is required");
        }
        Address address = request.address().validated("address");
        if ((request.latitude() == null) != (request.longitude() == null)) {
            throw ApiException.validation("latitude", "Give both 'latitude' and 'longitude', or neither");
        }
        if (request.latitude() != null && (Math.abs(request.latitude()) > 90 || Math.abs(request.longitude()) > 180)) {
            throw ApiException.validation("latitude", "Coordinates are out of range");
        }
        String webhookUrl = request.webhookUrl() == null || request.webhookUrl().isBlank() ? null
                : validWebhookUrl(request.webhookUrl().strip());
        String secret = request.webhookSecret();
        if (webhookUrl != null && secret == null) {
            // None given: make one, shown once in this response, so the receiver can verify signatures.
            byte[] random = new byte[32];
            new java.security.SecureRandom().nextBytes(random);
            secret = java.util.HexFormat.of().formatHex(random);
        }
        if (webhookUrl != null && (secret.length() < 16 || secret.length() > 200)) {
            throw ApiException.validation("webhookSecret", "'webhookSecret' must have 16 to 200 characters");
        }
        Warehouse warehouse = new Warehouse();
        warehouse.id = UUID.randomUUID();
        warehouse.name = name;
        warehouse.address = json.write(address);
        warehouse.latitude = request.latitude();
        warehouse.longitude = request.longitude();
        warehouse.webhookUrl = webhookUrl;
        warehouse.webhookSecret = webhookUrl == null ? null : secret;
        warehouse.createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        warehouse.persist();
        Log.infof("Warehouse %s created: %s (%s)", warehouse.id, name, webhookUrl == null ? "pull only" : "webhook");
        WarehouseView view = view(warehouse);
        return new WarehouseView(view.id(), view.name(), view.address(), view.latitude(), view.longitude(),
                view.webhookUrl(), warehouse.webhookSecret, view.createdAt());
    }

    public Page<WarehouseView> list(int limit, String cursor) {
        Paging.TimeAndId after = Paging.timeAndId(cursor);
        List<Warehouse> page = after == null
                ? Warehouse.<Warehouse>find("order by createdAt, id").page(0, limit + 1).list()
                : Warehouse.<Warehouse>find("createdAt > ?1 or (createdAt = ?1 and id > ?2) order by createdAt, id",
                        after.time(), after.id()).page(0, limit + 1).list();
        return Paging.page(page.stream().map(this::view).toList(), limit,
                last -> Paging.cursor(last.createdAt(), last.id()));
    }

    /**
     * Admins act for any warehouse; a warehouse token only for the warehouse it names (403 otherwise). An unknown
     * warehouse is 404 for those allowed to ask.
     */
    public Warehouse requireAccess(Caller caller, UUID warehouseId) {
        if (!caller.isAdmin() && !caller.warehouseId().map(warehouseId::equals).orElse(false)) {
            throw new ApiException(ErrorCode.FORBIDDEN, "This token does not act for warehouse " + warehouseId);
        }
        Warehouse warehouse = Warehouse.findById(warehouseId);
        if (warehouse == null) {
            throw ApiException.notFound("Warehouse " + warehouseId);
        }
        return warehouse;
    }

    Address address(Warehouse warehouse) {
        return json.read(warehouse.address, Address.class);
    }

    private WarehouseView view(Warehouse warehouse) {
        return new WarehouseView(warehouse.id, warehouse.name, address(warehouse), warehouse.latitude,
                warehouse.longitude, warehouse.webhookUrl, null, warehouse.createdAt);
    }



    private static String validWebhookUrl(String url) {
        try {
            URI uri = URI.create(url);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && url.length() <= 2000) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // fall through to the 400 below
        }
        throw ApiException.validation("webhookUrl", "'webhookUrl' must be an http or https URL");
    }
}
