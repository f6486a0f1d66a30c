package dev.ferry.contracts.budget;

import dev.ferry.contracts.SourceResource;

/**
 * Freshsales calls one source record of a resource costs the loader, the single place these numbers live (the audit's
 * progress estimate reads them). They are the loader's <em>measured</em> costs (README "Measured", 1000 patients,
 * seed 7, 2026-12-05; loader-service/README.md, "Custom-module records" and "Bulk jobs"), not the theoretical minimum
 * issue 13 aims at; when the bench (issue 13) measures lower numbers, change them here.
 */
public final class CallsPerRecord {

    private CallsPerRecord() {
    }

    /** Calls one record of {@code resource} costs, id resolution included. */
    public static double of(SourceResource resource) {
        return switch (resource) {
            // Owners are matched against the target metadata the mapper reads once per run: no call per record.
            case PRACTITIONERS -> 0;
            // Contacts go in bulk_upsert jobs of up to 100 (submit, polls, one is_in search for the ids) plus one
            // /lookup per contact whose e-mail is not unique: measured 0.20 calls a contact (899 contacts).
            case PATIENTS -> 0.20;
            // Accounts go in bulk jobs like contacts, but a practice has a handful of clinics, below bulk.min-size (4)
            // they are single upserts: one call each.
            case CLINICS -> 1.0;
            // A product: a create plus its share of one search first, measured 1.02 (41 products).
            case PRODUCTS -> 1.02;
            // A custom-module record: a create plus one search per batch first, measured 1.03 (475 imaging records).
            case CUSTOM_MODULE_RECORDS -> 1.03;
            // Deals (cases), billing records on them, appointments (activities), recalls (tasks), notes: one upsert
            // or create each (measured: 930 deals, 864 billing records, one call each).
            case TREATMENT_CASES, BILLING_RECORDS, APPOINTMENTS, RECALLS, CLINICAL_NOTES, ATTACHMENTS -> 1.0;
            // Workflows and integrations become rebuild-document entries (DOCUMENTED): nothing goes to Freshsales.
            case WORKFLOWS, INTEGRATIONS -> 0;
            // Custom-module definitions are schema, not records.
            case CUSTOM_MODULES -> 0;
        };
    }
}
