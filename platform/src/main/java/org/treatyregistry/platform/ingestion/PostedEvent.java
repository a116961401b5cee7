package org.treatyregistry.platform.ingestion;

import java.util.Map;

/**
 * One posted item: a client id, the fact's type and its fields, flat as in the registry's contract
 * ({@code {"clientId": "...", "type": "StockpileDeclared", "iso3": "UKR", ...}}). Kept as posted and
 * converted item by item, so that an unreadable item is refused with its index like any other.
 */
public record PostedEvent(Map<String, Object> fields) {

    public String clientId() {
        Object id = fields.get("clientId");
        return id == null ? null : id.toString();
    }

    public String type() {
        Object type = fields.get("type");
        return type == null ? null : type.toString();
    }
}
