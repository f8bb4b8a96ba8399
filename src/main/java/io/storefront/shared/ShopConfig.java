package io.storefront.shared;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The service's own settings; every one can be set by environment variable (SHOP_CART_MAX_QUANTITY_PER_LINE, ...). */
@ConfigMapping(prefix = "shop")
public interface ShopConfig {

    /** The one currency prices are kept in (ISO 4217). */
    @WithDefault("USD")
    String currency();

    Cart cart();

    Search search();

    Checkout checkout();

    Assignment assignment();

    Outbox outbox();

    Health health();

    Payment payment();

    Housekeeping housekeeping();

    EmbeddedPostgresql embeddedPostgresql();

    interface Cart {
        /** The largest quantity one cart line may hold; larger is a 400. */
        @WithDefault("100")
        int maxQuantityPerLine();

        /** The most distinct items one cart may hold. */
        @WithDefault("100")
        int maxLines();
    }

    interface Search {
        /** Longer search strings are a 400. */
        @WithDefault("200")
        int maxQueryLength();

        /**
         * Which engine answers searches: the in-process Lucene index (default), PostgreSQL full-text search, or an
         * external OpenSearch cluster (docs/SEARCH.md says when to choose which).
         */
        @WithDefault("lucene")
        Engine engine();

        /** The OpenSearch cluster, when {@code shop.search.engine=opensearch}. */
        OpenSearch opensearch();

        /**
         * Where this replica keeps its Lucene index (env SHOP_SEARCH_INDEX_DIR). One directory per replica: the
         * index is rebuilt from the database when it is missing, so an emptyDir volume is enough.
         */
        String indexDir();

        /** How often the index applies the catalog changes committed since its last look. */
        @WithDefault("PT0.25S")
        Duration refreshInterval();

        /** How often applied changes are committed to disk (a restart catches up from the last commit). */
        @WithDefault("PT10S")
        Duration commitInterval();

        /**
         * How many searches the Lucene index runs at once (default: two per CPU the JVM sees); the others wait
         * their turn, first come first served, which keeps the slowest answers of a busy replica close to the
         * typical ones.
         */
        OptionalInt queryThreads();

        /** Memory the indexer may fill before it writes a segment; bounds the heap a full rebuild needs. */
        @WithDefault("48")
        int indexingBufferMb();

        enum Engine {
            LUCENE,
            POSTGRES,
            OPENSEARCH
        }

        interface OpenSearch {
            /**
             * The cluster's REST addresses, comma-separated ({@code https://opensearch-cluster-master:9200});
             * required when the engine is opensearch (env SHOP_SEARCH_OPENSEARCH_HOSTS).
             */
            Optional<List<String>> hosts();

            /** Basic-auth user, if the cluster asks for one (env SHOP_SEARCH_OPENSEARCH_USERNAME). */
            Optional<String> username();

            /** Basic-auth password, from a Secret (env SHOP_SEARCH_OPENSEARCH_PASSWORD). */
            Optional<String> password();

            /**
             * A PEM file of the CA certificate(s) to trust for https hosts, when the cluster's certificate is not
             * signed by a CA the JVM trusts (the official Helm chart's demo certificates, a company CA). Without it,
             * the JVM's default trust store is used. Host names are always verified.
             */
            Optional<String> caCertificate();

            /**
             * The alias searches go to; each full reindex writes a new index named after it and switches the alias
             * to it in one step.
             */
            @WithDefault("storefront-items")
            String index();

            /** Primary shards of a new index (docs/SEARCH.md sizes them for 10M and 300M items). */
            @WithDefault("1")
            int shards();

            /** Replicas of each shard in a new index: 1 survives the loss of a node; 0 fits a one-node cluster. */
            @WithDefault("1")
            int replicas();

            /** How often OpenSearch makes indexed changes searchable (an index setting such as 1s). */
            @WithDefault("1s")
            String indexRefreshInterval();

            /** How often the indexer looks for catalog changes to send. */
            @WithDefault("PT0.5S")
            Duration pollInterval();

            /**
             * How long the indexer's lease lasts without renewal: one replica indexes at a time, and another takes
             * over this long after it stops renewing.
             */
            @WithDefault("PT15S")
            Duration lease();

            /** Items per bulk request. */
            @WithDefault("1000")
            int bulkSize();

            /** Time allowed to open a connection to the cluster. */
            @WithDefault("PT1S")
            Duration connectTimeout();

            /** Time allowed for a response; a search that takes longer is answered by PostgreSQL. */
            @WithDefault("PT5S")
            Duration responseTimeout();

            /** Longest wait between attempts while the cluster is unreachable (backoff doubles from 1 s). */
            @WithDefault("PT30S")
            Duration retryMax();
        }
    }

    interface Checkout {
        /** How long a checkout holds its reservations. */
        @WithDefault("PT10M")
        Duration reservationTtl();

        /** How often the reaper releases expired checkouts (a Quarkus scheduler interval such as 1s). */
        @WithDefault("1s")
        String reaperInterval();

        /** How many expired checkouts the reaper releases per transaction. */
        @WithDefault("1000")
        int reaperBatchSize();
    }

    interface Assignment {
        /** How often the assignment worker looks for PLACED orders (a Quarkus scheduler interval). */
        @WithDefault("2s")
        String interval();

        /**
         * How long one worker run may go on assigning due orders before it ends and lets the next tick continue
         * (well under {@code shop.health.max-job-stall}, which reads a longer run as a stalled job).
         */
        @WithDefault("PT10S")
        Duration maxRun();

        /** First wait before an order no warehouse can serve is tried again; doubles per attempt. */
        @WithDefault("PT5S")
        Duration retryBase();

        /** Longest wait between attempts (a receipt of one of its items retries it at once anyway). */
        @WithDefault("PT5M")
        Duration retryMax();
    }

    interface Outbox {
        /** How often due webhook notifications are sent (a Quarkus scheduler interval such as 2s). */
        @WithDefault("2s")
        String interval();

        /** How many notifications one delivery round claims and sends in parallel. */
        @WithDefault("50")
        int batchSize();

        /** The wait after a first failed delivery; it doubles with every further failure, up to retryMax. */
        @WithDefault("PT1S")
        Duration retryBase();

        /** The longest wait between two delivery attempts: a receiver that is down for days is still retried. */
        @WithDefault("PT10M")
        Duration retryMax();

        /** How long one webhook call may take to connect, and again to answer. */
        @WithDefault("PT5S")
        Duration requestTimeout();

        /**
         * How long a claimed notification stays reserved for the replica that claimed it. If that replica dies, the
         * notification is due again after the lease; keep it well above twice the request timeout, or a slow
         * receiver gets the notification from two replicas.
         */
        @WithDefault("PT1M")
        Duration lease();
    }

    interface Payment {
        /** How often cancelled orders' payment authorizations are given back to the gateway (a duration: 5s). */
        @WithDefault("5s")
        String voidInterval();

        /** First wait after a failed void; doubles per attempt up to ten minutes. */
        @WithDefault("PT5S")
        Duration voidRetryBase();
    }

    /** Old rows that no request needs any more are deleted in batches, on every replica (docs/CONFIGURATION.md). */
    interface Housekeeping {
        /** How often (a duration: 1h). */
        @WithDefault("1h")
        String interval();

        /** How long an Idempotency-Key replays its order; a client retries within this time. */
        @WithDefault("P1D")
        Duration idempotencyKeyRetention();

        /** How long cancelled and expired checkouts are kept after they closed (completed ones stay with their order). */
        @WithDefault("P30D")
        Duration closedCheckoutRetention();

        /** How long delivered webhook notifications are kept. */
        @WithDefault("P7D")
        Duration deliveredNotificationRetention();
    }

    interface Health {
        /**
         * Readiness turns DOWN when one of this pod's background jobs (not paused) has stalled this long: one run
         * keeps the next ones from starting, or its next run is overdue. Longer than a long catch-up run.
         */
        @WithDefault("PT1M")
        Duration maxJobStall();
    }

    interface EmbeddedPostgresql {
        /** Where the embedded PostgreSQL keeps its data; read before the application starts. */
        Optional<String> dataDir();

        /** Wipe the data directory on start (the tests do). */
        @WithDefault("false")
        boolean cleanDataDir();

        /**
         * Let the packaged service (prod profile) start the embedded PostgreSQL when no datasource URL is set: for
         * trying a packaged jar on a laptop and for this project's integration tests, never for a deployment.
         * Without it a packaged service without a URL refuses to start.
         */
        @WithDefault("false")
        boolean allowProd();
    }
}
