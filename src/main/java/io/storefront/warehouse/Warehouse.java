package io.storefront.warehouse;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A warehouse: where stock lives and warehouse orders are shipped from. */
@Entity
@Table(name = "warehouse")
public class Warehouse extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    /** The address as JSON text (a jsonb column). */
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "cast(? as jsonb)")
    public String address;

    public Double latitude;

    public Double longitude;

    @Column(name = "webhook_url")
    public String webhookUrl;

    @Column(name = "webhook_secret")
    public String webhookSecret;

    @Column(name = "created_at")
    public Instant createdAt;
}
