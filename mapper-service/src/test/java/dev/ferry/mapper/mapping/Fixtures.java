package dev.ferry.mapper.mapping;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.RunMode;
import dev.ferry.contracts.SourceRecordEnvelope;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.client.LoaderMetadataClient;
import dev.ferry.contracts.TargetMetadata;
import dev.ferry.mapper.mapping.spec.CompiledSpec;
import dev.ferry.mapper.mapping.spec.SpecLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/** The shipped spec, a target metadata file, and small in-memory indexes for unit tests of mapping logic. */
public final class Fixtures {

    /** The practice's owner of last resort: the account's front-desk user (not one of the practitioners). */
    public static final OwnerFallback FALLBACK = new OwnerFallback("front.desk@klinik.example", 1003L);

    public static final String RUN = "run-20250101120000-abcd";
    public static final CompiledSpec SPEC = SpecLoader.load("classpath:mapping/dentes-freshsales.v1.yaml");

    private Fixtures() {
    }

    public static String resource(String name) {
        try (InputStream in = Fixtures.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("test resource " + name + " missing", e);
        }
    }

    public static TargetMetadata metadata() {
        try {
            return LoaderMetadataClient.parse(resource("target-metadata.json"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static TargetView target() {
        return new TargetView(metadata());
    }

    public static ObjectNode json(String json) {
        try {
            return (ObjectNode) FerryJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static SourceRecordEnvelope envelope(SourceResource resource, String json) {
        return envelope(resource, json, false);
    }

    public static SourceRecordEnvelope envelope(SourceResource resource, String json, boolean deleted) {
        ObjectNode payload = json(json);
        return new SourceRecordEnvelope(null, RUN, RunMode.FULL, resource, payload.get("id").asText(), null,
                payload.path("updated_at").asText("2025-01-01T10:00:00+03:00"), deleted, payload,
                Instant.parse("2025-01-01T09:00:00Z"));
    }

    /** A patient with every field filled the way a tidy practice fills it; tests override single fields. */
    public static String patient(String id, String overrides) {
        ObjectNode p = json("""
                {"id": "%s", "clinic_id": "C-1", "first_name": "  Ayşe ", "last_name": "Yılmaz",
                 "date_of_birth": "1984-03-07", "gender": "F", "national_id": "12345678901",
                 "email": "Ayse.Yilmaz@Example.com", "mobile_phone": "0532 123 45 67", "home_phone": "(0216) 555-12-34",
                 "address": {"line1": "Bağdat Cad. 12", "line2": null, "district": "Kadıköy", "city": "İstanbul",
                             "postal_code": "34710", "country": "TR"},
                 "preferred_language": "tr", "primary_practitioner_id": "PR-1", "status": "ACTIVE",
                 "first_appointment_at": "2024-02-01T09:30:00+03:00", "lead_source": "REFERRAL",
                 "inquiry_type": "implant consultation", "treatment_type": "ORTHODONTICS",
                 "insurance_provider": "SGK", "recall_interval_months": 6, "consent_sms": true, "consent_email": false,
                 "custom_fields": {"allergy_notes": "penicillin", "vip": "yes"},
                 "created_at": "2023-01-01T10:00:00+03:00", "updated_at": "2024-06-01T10:00:00+03:00"}
                """.formatted(id));
        p.setAll(json(overrides));
        return p.toString();
    }

    /** An index of known source records, and e-mail holders, filled by the test. */
    public static final class Indexes implements ReferenceIndex, OwnerDirectory, UniqueIndex, ParentDecisions {
        final Map<String, ReferenceIndex.State> records = new HashMap<>();
        final Map<String, ParentDecisions.Decision> decisions = new HashMap<>();
        final Map<String, Long> officeManagers = new HashMap<>();

        /** What the mapper decided about a record others link to (MAPPED when not said). */
        public Indexes decided(SourceResource r, String id, ParentDecisions.Decision decision) {
            decisions.put(r.path() + "/" + id, decision);
            return this;
        }

        public Indexes officeManager(String clinicId, long userId) {
            officeManagers.put(clinicId, userId);
            return this;
        }

        @Override
        public ParentDecisions.Decision of(SourceResource resource, String sourceId) {
            return decisions.getOrDefault(resource.path() + "/" + sourceId, ParentDecisions.Decision.MAPPED);
        }

        @Override
        public Optional<Long> officeManagerOf(String clinicId) {
            return Optional.ofNullable(officeManagers.get(clinicId));
        }
        final Map<String, OwnerDirectory.Resolution> owners = new HashMap<>();
        final Map<String, TreeSet<String>> holders = new HashMap<>();

        public Indexes record(SourceResource r, String id, ReferenceIndex.State state) {
            records.put(r.path() + "/" + id, state);
            return this;
        }

        public Indexes owner(String practitionerId, OwnerDirectory.Status status, Long userId) {
            owners.put(practitionerId, new OwnerDirectory.Resolution(status, userId));
            return this;
        }

        private final Map<String, String> facts = new HashMap<>();

        /** A kept field of a record (a case's currency), as the source index keeps it. */
        public Indexes fact(SourceResource r, String id, String field, String value) {
            facts.put(r.path() + "/" + id + "/" + field, value);
            return this;
        }

        @Override
        public Optional<String> fact(SourceResource resource, String sourceId, String field) {
            return Optional.ofNullable(facts.get(resource.path() + "/" + sourceId + "/" + field));
        }

        private final Map<String, ModuleDefinition> modules = new HashMap<>();

        /** A custom-module definition the run read (read back by key, as the source index does). */
        public Indexes module(String definitionJson) {
            ModuleDefinition d = ModuleDefinition.read("CM-x", json(definitionJson), p -> {
                throw new IllegalArgumentException(p);
            }).orElseThrow();
            modules.put(d.key(), d);
            return this;
        }

        @Override
        public Optional<ModuleDefinition> moduleDefinition(SourceResource definitions, String key) {
            return Optional.ofNullable(modules.get(key));
        }

        public Indexes holds(String rule, String key, String sourceId) {
            holders.computeIfAbsent(rule + "/" + key, k -> new TreeSet<>(SourceIds.NATURAL)).add(sourceId);
            return this;
        }

        @Override
        public ReferenceIndex.State state(SourceResource resource, String sourceId) {
            return records.getOrDefault(resource.path() + "/" + sourceId, ReferenceIndex.State.UNKNOWN);
        }

        @Override
        public Resolution resolve(String practitionerId) {
            return owners.getOrDefault(practitionerId, new Resolution(Status.UNKNOWN, null));
        }

        @Override
        public Optional<String> lowestHolder(SourceResource resource, String rule, String key) {
            TreeSet<String> h = holders.get(rule + "/" + key);
            return h == null || h.isEmpty() ? Optional.empty() : Optional.of(h.first());
        }
    }

    public static Indexes standardIndexes() {
        return new Indexes()
                .record(SourceResource.CLINICS, "C-1", ReferenceIndex.State.KNOWN)
                .record(SourceResource.CLINICS, "C-2", ReferenceIndex.State.KNOWN)
                .record(SourceResource.CLINICS, "C-9", ReferenceIndex.State.DELETED)
                .owner("PR-1", OwnerDirectory.Status.MATCHED, 1001L)
                .owner("PR-2", OwnerDirectory.Status.UNMATCHED, null)
                .owner("PR-3", OwnerDirectory.Status.USER_INACTIVE, 1004L)
                .owner("PR-4", OwnerDirectory.Status.DELETED, null);
    }

    public static MappingContext context(Indexes indexes, OwnerFallback fallback, Edition edition) {
        return new MappingContext(RUN, SPEC.version(), target(), indexes, indexes, indexes, fallback, edition, "TR",
                indexes);
    }

    public static MappingContext context(Indexes indexes) {
        return context(indexes, FALLBACK, Edition.SUITE);
    }
}
