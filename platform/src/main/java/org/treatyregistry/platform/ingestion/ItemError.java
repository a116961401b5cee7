package org.treatyregistry.platform.ingestion;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why one posted item was not recorded: its position in the batch, its client id, the rule, a sentence; the field
 * at fault where one is ({@code content.stockpile[0].mineType} for a nested one), and for a misspelt field the
 * known field it is closest to.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemError(int index, String clientId, String rule, String detail, String field, String suggestion) {

    public ItemError(int index, String clientId, String rule, String detail) {
        this(index, clientId, rule, detail, null, null);
    }
}
