package dev.ferry.contracts;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The Freshsales account's setup as the loader serves it on {@code GET /target/metadata} and the mapper reads it (the
 * loader owns the Freshsales client and its rate budget, so the mapper never calls Freshsales itself). Both sides use
 * this one record, so the payload cannot drift between them. JSON is snake_case; unknown fields are ignored, missing
 * lists are empty.
 *
 * @param fetchedAt when the loader read this from Freshsales
 * @param owners the account's users ({@code /selector/owners})
 * @param lifecycleStages {@code /selector/lifecycle_stages}
 * @param contactStatuses {@code /selector/contact_statuses}
 * @param leadSources {@code /selector/lead_sources}
 * @param industryTypes {@code /selector/industry_types}
 * @param businessTypes {@code /selector/business_types}
 * @param dealPipelines {@code /selector/deal_pipelines}, each with its stages
 * @param currencies {@code /selector/currencies}: the currencies the account has enabled
 * @param salesActivityTypes {@code /selector/sales_activity_types} (issue 10: an appointment's activity type)
 * @param fields field definitions per Freshsales collection ({@code contacts}, {@code sales_accounts}, ...), from
 *     {@code /settings/<collection>/fields}; a collection missing here means "not known", not "no fields"
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TargetMetadata(
        Instant fetchedAt,
        List<Owner> owners,
        List<LifecycleStage> lifecycleStages,
        List<Entry> contactStatuses,
        List<Entry> leadSources,
        List<Entry> industryTypes,
        List<Entry> businessTypes,
        List<DealPipeline> dealPipelines,
        List<Currency> currencies,
        Map<String, List<FieldDef>> fields,
        List<Entry> salesActivityTypes) {

    /** The lookup tables a mapping spec may name in a {@code lookup} transform. */
    public static final List<String> LOOKUP_TABLES =
            List.of("industry_types", "lead_sources", "contact_statuses", "lifecycle_stages", "currencies",
                    "sales_activity_types");

    /** The metadata without sales activity types (the shape served before issue 10). */
    public TargetMetadata(Instant fetchedAt, List<Owner> owners, List<LifecycleStage> lifecycleStages,
            List<Entry> contactStatuses, List<Entry> leadSources, List<Entry> industryTypes, List<Entry> businessTypes,
            List<DealPipeline> dealPipelines, List<Currency> currencies, Map<String, List<FieldDef>> fields) {
        this(fetchedAt, owners, lifecycleStages, contactStatuses, leadSources, industryTypes, businessTypes,
                dealPipelines, currencies, fields, List.of());
    }

    @com.fasterxml.jackson.annotation.JsonCreator
    public TargetMetadata {
        owners = owners == null ? List.of() : List.copyOf(owners);
        lifecycleStages = lifecycleStages == null ? List.of() : List.copyOf(lifecycleStages);
        contactStatuses = contactStatuses == null ? List.of() : List.copyOf(contactStatuses);
        leadSources = leadSources == null ? List.of() : List.copyOf(leadSources);
        industryTypes = industryTypes == null ? List.of() : List.copyOf(industryTypes);
        businessTypes = businessTypes == null ? List.of() : List.copyOf(businessTypes);
        dealPipelines = dealPipelines == null ? List.of() : List.copyOf(dealPipelines);
        currencies = currencies == null ? List.of() : List.copyOf(currencies);
        fields = fields == null ? Map.of() : Map.copyOf(fields);
        salesActivityTypes = salesActivityTypes == null ? List.of() : List.copyOf(salesActivityTypes);
    }

    /** A Freshsales user. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Owner(long id, String email, String displayName, Boolean isActive) {
        public boolean active() {
            return isActive == null || isActive;
        }
    }

    /** A lifecycle stage; {@code type} is Lead, Sales Qualified Lead, Customer or Custom. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record LifecycleStage(long id, String name, String type, Integer position, List<Long> contactStatusIds) {
        public LifecycleStage {
            contactStatusIds = contactStatusIds == null ? List.of() : List.copyOf(contactStatusIds);
        }
    }

    /** A deal pipeline and its stages, in the account's order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DealPipeline(long id, String name, Boolean isDefault, List<DealStage> dealStages) {
        public DealPipeline {
            dealStages = dealStages == null ? List.of() : List.copyOf(dealStages);
        }
    }

    /**
     * A stage of a deal pipeline: its default win probability (percent) and forecast type ({@code Open}, {@code Won},
     * {@code Lost}), which decide how Freshsales reports a deal standing in it.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record DealStage(long id, String name, Integer position, String forecastType, Integer probability) {
    }

    /** A currency the account has enabled, by ISO code; {@code isBase} marks the account's reporting currency. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Currency(long id, String currencyCode, Boolean isBase) {
    }

    /** An entry of a selector list. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Entry(long id, String name, Long lifecycleStageId) {
    }

    /** A field definition; {@code choices} are the options of a dropdown. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record FieldDef(String name, String label, String type, List<Choice> choices, Boolean required) {
        public FieldDef {
            choices = choices == null ? List.of() : List.copyOf(choices);
        }
    }

    /** One option of a dropdown field. */
    public record Choice(long id, String value) {
    }
}
