package io.storefront.shared.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The browser pages are static files (src/main/resources/META-INF/resources, docs/UI.md), served without a token
 * like any public file. The static handler answers a folder only with its trailing slash, so the warehouse
 * console's short address is sent there.
 */
@ApplicationScoped
public class Pages {

    void routes(@Observes Router router) {
        // A regular expression, because a plain "/warehouse" route would match "/warehouse/" too.
        router.getWithRegex("/warehouse").handler(context -> context.redirect("/warehouse/"));
    }
}
