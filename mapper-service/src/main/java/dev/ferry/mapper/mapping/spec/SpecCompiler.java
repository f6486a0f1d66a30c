package dev.ferry.mapper.mapping.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.mapping.Rules;
import dev.ferry.mapper.mapping.spec.FieldRule.OnInvalid;
import dev.ferry.mapper.mapping.spec.ReferenceRule.IfMissing;
import dev.ferry.mapper.mapping.spec.ReferenceRule.IfUnknown;
import dev.ferry.mapper.mapping.spec.ReferenceRule.Shape;
import dev.ferry.mapper.mapping.transform.Transform;
import dev.ferry.mapper.mapping.transform.Transforms;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a mapping spec (YAML) and checks everything that can be checked without data: known keys only (a typo is an
 * error, not a silently ignored line), known transforms with valid arguments, known rules, lookup tables that exist,
 * source resources and Freshsales targets that exist, identifiers that are always filled, references and uniqueness
 * rules whose resources the mapping waits for, and a version that matches the file name. All problems are reported
 * at once, each with its place in the file.
 */
public final class SpecCompiler {

    private static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());
    private static final Pattern VERSION = Pattern.compile("([a-z0-9][a-z0-9-]*)/v([0-9]+)");
    private static final Pattern FILE_VERSION = Pattern.compile("([a-z0-9][a-z0-9-]*)\\.v([0-9]+)\\.ya?ml$");
    /** A custom field as a target path: custom_field.cf_name (where shared values and teeth may land). */
    private static final Pattern CUSTOM_FIELD_PATH = Pattern.compile(FieldRule.CUSTOM_FIELD + "\\.cf_[a-z0-9_]+");
    private static final Pattern TARGET_PATH = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)?");

    private final List<String> problems = new ArrayList<>();
    private Map<String, Map<String, List<String>>> lookups = Map.of();

    private SpecCompiler() {
    }

    /**
     * @param location where the text came from (named in messages; its file name must carry the version)
     * @param text the YAML
     * @throws SpecException listing every problem
     */
    public static CompiledSpec compile(String location, String text) {
        return new SpecCompiler().run(location, text);
    }

    private CompiledSpec run(String location, String text) {
        JsonNode root;
        try {
            root = YAML.readTree(text == null ? "" : text);
        } catch (JsonProcessingException e) {
            // The spec is configuration, not patient data: quoting Jackson's location is fine here.
            throw new SpecException(location, List.of("not readable as YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")")));
        }
        if (root == null || !root.isObject()) {
            throw new SpecException(location, List.of("the file must be a YAML mapping with 'version' and 'mappings'"));
        }
        keys(root, "(top level)", "version", "source", "target", "description", "lookups", "mappings");
        String version = requiredText(root, "version", "(top level)");
        if (version != null) {
            Matcher v = VERSION.matcher(version);
            if (!v.matches()) {
                problem("version", "'" + version + "' is not of the form <name>/v<number>, e.g. dentes-freshsales/v1");
            } else {
                Matcher f = FILE_VERSION.matcher(location);
                if (f.find() && !(f.group(1).equals(v.group(1)) && f.group(2).equals(v.group(2)))) {
                    problem("version", "'" + version + "' does not match the file name (expected "
                            + f.group(1) + "/v" + f.group(2) + "): a spec's file name and version must agree");
                }
            }
        }
        lookups = readLookups(root.get("lookups"));
        Map<SourceResource, ResourceMapping> mappings = new LinkedHashMap<>();
        JsonNode ms = root.get("mappings");
        if (ms == null || !ms.isObject() || ms.isEmpty()) {
            problem("mappings", "missing or empty: name at least one source resource and how it maps");
        } else {
            for (Iterator<Map.Entry<String, JsonNode>> it = ms.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = "mappings." + e.getKey();
                SourceResource resource;
                try {
                    resource = SourceResource.fromPath(e.getKey());
                } catch (IllegalArgumentException unknown) {
                    problem(where, "'" + e.getKey() + "' is not a Dr.DENTES resource; known: "
                            + SourceResource.recordResources().stream().map(SourceResource::path).toList());
                    continue;
                }
                ResourceMapping m = readMapping(resource, e.getValue(), where);
                if (m != null) {
                    mappings.put(resource, m);
                }
            }
        }
        // A parent's fact reaches the mapper only if the extractor publishes it: the parent's mapping must read it.
        for (ResourceMapping m : mappings.values()) {
            for (AgreeRule a : m.agree()) {
                ResourceMapping parent = mappings.get(a.resource());
                if (parent == null || !parent.sourceFields().contains(a.parentField())) {
                    problem("mappings." + m.resource().path() + ".agree-with-parent", "'" + a.parentField() + "' is"
                            + " not a field the " + a.resource().path() + " mapping reads, so it never reaches the"
                            + " mapper");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(location, problems);
        }
        return new CompiledSpec(version, text(root, "source"), text(root, "target"), text(root, "description"),
                location, text, sha256(text), mappings);
    }

    private Map<String, Map<String, List<String>>> readLookups(JsonNode node) {
        Map<String, Map<String, List<String>>> out = new LinkedHashMap<>();
        if (node == null) {
            return out;
        }
        if (!node.isObject()) {
            problem("lookups", "must map table names to tables of code: name");
            return out;
        }
        node.fields().forEachRemaining(t -> {
            Map<String, List<String>> table = new LinkedHashMap<>();
            if (!t.getValue().isObject()) {
                problem("lookups." + t.getKey(), "must be a table of code: name (or code: [name, other name])");
            } else {
                t.getValue().fields().forEachRemaining(entry -> {
                    JsonNode v = entry.getValue();
                    List<String> names = new ArrayList<>();
                    if (v.isValueNode() && !v.isNull()) {
                        names.add(v.asText());
                    } else if (v.isArray() && !v.isEmpty()) {
                        v.forEach(n -> {
                            if (n.isValueNode() && !n.isNull()) {
                                names.add(n.asText());
                            }
                        });
                    }
                    if (names.isEmpty() || (v.isArray() && names.size() != v.size())) {
                        problem("lookups." + t.getKey() + "." + entry.getKey(),
                                "must be a name, or a list of names tried in order");
                    } else {
                        table.put(entry.getKey(), List.copyOf(names));
                    }
                });
            }
            out.put(t.getKey(), table);
        });
        return out;
    }

    private ResourceMapping readMapping(SourceResource resource, JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            problem(where, "must be a mapping with at least 'action'");
            return null;
        }
        String actionWord = requiredText(node, "action", where);
        if (actionWord == null) {
            return null;
        }
        MappingAction action = MappingAction.fromWord(actionWord);
        if (action == null) {
            problem(where + ".action", "'" + actionWord + "' is not an action; known: upsert, match-owner, define-modules, module-record, note, attachment, document");
            return null;
        }
        if (action == MappingAction.MATCH_OWNER) {
            keys(node, where, "action", "email", "not-migrated");
            SourcePath email = path(node, "email", where, true);
            return new ResourceMapping(resource, action, FreshsalesTarget.USER, List.of(), SourcePath.of("id"), List.of(),
                    List.of(), null, null, null, null, null, List.of(), List.of(), null, email,
                    notMigrated(node, where), List.of(), null, null, List.of(), null);
        }
        if (action == MappingAction.DEFINE_MODULES) {
            keys(node, where, "action", "not-migrated");
            return new ResourceMapping(resource, action, null, List.of(), SourcePath.of("id"), List.of(), List.of(),
                    null, null, null, null, null, List.of(), List.of(), null, null, notMigrated(node, where), List.of(),
                    null, null, List.of(), null);
        }
        if (action == MappingAction.DOCUMENT) {
            keys(node, where, "action", "not-migrated");
            if (dev.ferry.mapper.mapping.RebuildEntries.fieldsOf(resource).isEmpty()) {
                problem(where + ".action", "no rebuild document covers " + resource.path()
                        + "; 'document' is for workflows and integrations");
            }
            return new ResourceMapping(resource, action, FreshsalesTarget.REBUILD_DOCUMENT, List.of(),
                    SourcePath.of("id"), List.of(), List.of(), null, null, null, null, null, List.of(), List.of(),
                    null, null, notMigrated(node, where), List.of(), null, null, List.of(), null);
        }
        if (action == MappingAction.MODULE_RECORD) {
            return moduleRecords(resource, node, where);
        }
        if (action == MappingAction.NOTE) {
            return notes(resource, node, where);
        }
        if (action == MappingAction.ATTACHMENT) {
            return attachments(resource, node, where);
        }
        keys(node, where, "action", "target", "identifier", "partition-key", "wait-for", "fields", "lifecycle", "owner",
                "stage", "price", "line-items", "unique", "require-any", "custom-fields", "not-migrated",
                "agree-with-parent", "span", "text");
        FreshsalesTarget target = null;
        String targetWord = requiredText(node, "target", where);
        if (targetWord != null) {
            try {
                target = FreshsalesTarget.fromPath(targetWord);
                if (!target.idempotentByIdentifier() && !target.foundInParentListing()) {
                    problem(where + ".target", "Freshsales offers no upsert for '" + targetWord + "' and the loader"
                            + " cannot find its records again by an identifier; an upsert mapping needs contacts,"
                            + " sales_accounts, deals, cpq/products or (through a module-record mapping) custom modules");
                }
            } catch (IllegalArgumentException unknown) {
                problem(where + ".target", "'" + targetWord + "' is not a Freshsales collection");
            }
        }
        SourcePath partitionKey = node.has("partition-key") ? path(node, "partition-key", where, true) : SourcePath.of("id");
        List<SourceResource> waitFor = resources(node.get("wait-for"), where + ".wait-for");
        List<FieldRule> fields = new ArrayList<>();
        JsonNode fs = node.get("fields");
        if (fs == null || !fs.isArray() || fs.isEmpty()) {
            problem(where + ".fields", "missing or empty: list the target fields");
        } else {
            Set<String> seen = new LinkedHashSet<>();
            for (int i = 0; i < fs.size(); i++) {
                JsonNode f = fs.get(i);
                String fWhere = where + ".fields[" + i + "]" + (f.hasNonNull("to") ? " (to: " + f.get("to").asText() + ")" : "");
                FieldRule rule = readField(f, fWhere, waitFor);
                if (rule != null) {
                    if (!seen.add(rule.to())) {
                        problem(fWhere, "a second rule for '" + rule.to() + "': each target field is written once");
                    }
                    fields.add(rule);
                }
            }
        }
        List<String> identifier = new ArrayList<>();
        JsonNode id = node.get("identifier");
        if (id == null || !id.isArray() || id.isEmpty()) {
            problem(where + ".identifier", "missing: name the target field(s) an upsert matches on, e.g. [name]");
        } else {
            for (JsonNode i : id) {
                String to = i.asText();
                FieldRule rule = fields.stream().filter(f -> f.to().equals(to)).findFirst().orElse(null);
                if (rule == null) {
                    problem(where + ".identifier", "'" + to + "' is not one of the mapping's target fields");
                } else if (target != null && !target.supportsUpsert() && !rule.isCustomField()) {
                    problem(where + ".identifier", "'" + to + "': " + target.path() + " has no upsert, so the loader"
                            + " finds a record again only by a custom field such as custom_field.cf_dentes_id");
                } else if (rule.required() == null && !rule.essential()) {
                    problem(where + ".identifier", "'" + to + "' can be empty: an identifier field must be 'required'"
                            + " or 'essential'");
                } else {
                    identifier.add(to);
                }
            }
        }
        List<FieldRule> onto = fields.stream()
                .filter(f -> f.reference() != null && f.reference().shape() == ReferenceRule.Shape.ONTO).toList();
        if (onto.size() > 1) {
            problem(where + ".fields", "a record writes onto one other record at most, not " + onto.size());
        }
        for (FieldRule f : onto) {
            if (target != null && !target.supportsUpsert()) {
                problem(where + ".target", "a record written onto another needs an upsert by that record's identifier;"
                        + " " + target.path() + " has none");
            }
            if (!identifier.contains(f.to())) {
                problem(where + ".identifier", "'" + f.to() + "' (shape onto) must be the identifier: it is how the"
                        + " loader finds the record written onto");
            }
        }
        LifecycleRule lifecycle = lifecycle(node.get("lifecycle"), where + ".lifecycle");
        OwnerRule owner = null;
        JsonNode o = node.get("owner");
        if (o != null) {
            keys(o, where + ".owner", "from", "to", "else-office-manager-of");
            SourcePath clinic = o.has("else-office-manager-of")
                    ? path(o, "else-office-manager-of", where + ".owner", true) : null;
            if (clinic != null && !waitFor.contains(SourceResource.PRACTITIONERS)) {
                problem(where + ".owner.else-office-manager-of", "an office manager is known only once every"
                        + " practitioner of the run is: add practitioners to wait-for");
            }
            owner = new OwnerRule(path(o, "from", where + ".owner", true),
                    o.hasNonNull("to") ? o.get("to").asText() : "owner_id", clinic);
        }
        StageRule stage = stage(node.get("stage"), where + ".stage", target);
        PriceRule price = null;
        JsonNode pr = node.get("price");
        if (pr != null) {
            keys(pr, where + ".price", "amount", "currency");
            if (target != null && target != FreshsalesTarget.PRODUCT) {
                problem(where + ".price", "only products have prices per currency, not " + target.path());
            }
            SourcePath amount = path(pr, "amount", where + ".price", true);
            SourcePath currency = path(pr, "currency", where + ".price", true);
            price = amount == null || currency == null ? null : new PriceRule(amount, currency);
        }
        LineItemsRule lineItems = lineItems(node.get("line-items"), where + ".line-items", target, waitFor);
        List<UniqueRule> unique = new ArrayList<>();
        JsonNode us = node.get("unique");
        if (us != null) {
            if (!us.isArray()) {
                problem(where + ".unique", "must be a list of {field, transforms, rule[, keep-in]}");
            } else {
                for (int i = 0; i < us.size(); i++) {
                    String uWhere = where + ".unique[" + i + "]";
                    JsonNode u = us.get(i);
                    keys(u, uWhere, "field", "transforms", "rule", "keep-in");
                    SourcePath field = path(u, "field", uWhere, true);
                    List<Transform> ts = transforms(u.get("transforms"), uWhere);
                    String rule = rule(u, "rule", uWhere);
                    String keepIn = u.hasNonNull("keep-in") ? u.get("keep-in").asText() : null;
                    if (keepIn != null && !CUSTOM_FIELD_PATH.matcher(keepIn).matches()) {
                        problem(uWhere + ".keep-in", "must name a custom field such as custom_field.cf_shared_email, "
                                + "not '" + keepIn + "'");
                        keepIn = null;
                    }
                    if (keepIn != null && field != null && fields.stream().noneMatch(f -> f.from().size() == 1
                            && f.from().get(0).equals(field))) {
                        problem(uWhere + ".keep-in", "no field rule maps " + field.dotted() + ", so there is nothing"
                                + " to move");
                    }
                    if (ts.stream().anyMatch(Transform::needsTarget)) {
                        problem(uWhere + ".transforms", "a uniqueness key cannot depend on the target account");
                    }
                    if (!waitFor.contains(resource)) {
                        problem(uWhere, "a uniqueness rule needs every record of the run: add " + resource.path()
                                + " to wait-for");
                    }
                    if (field != null && rule != null) {
                        unique.add(new UniqueRule(field, ts, rule, keepIn));
                    }
                }
            }
        }
        List<RequireAnyRule> requireAny = requireAny(node.get("require-any"), where + ".require-any", fields);
        CustomFieldsRule custom = null;
        JsonNode c = node.get("custom-fields");
        if (c != null) {
            keys(c, where + ".custom-fields", "from", "prefix");
            String prefix = c.hasNonNull("prefix") ? c.get("prefix").asText() : "cf_";
            if (!prefix.startsWith("cf_")) {
                problem(where + ".custom-fields.prefix", "Freshsales custom field names start with cf_");
            }
            custom = new CustomFieldsRule(path(c, "from", where + ".custom-fields", true), prefix);
        }
        List<AgreeRule> agree = agree(node.get("agree-with-parent"), where + ".agree-with-parent", waitFor);
        return new ResourceMapping(resource, action, target, identifier, partitionKey, waitFor, fields, lifecycle,
                owner, stage, price, lineItems, unique, requireAny, custom, null, notMigrated(node, where), agree, null,
                span(node.get("span"), where + ".span"), texts(node.get("text"), where + ".text"), null);
    }

    /**
     * Reads a {@code module-record} mapping: {@code definitions, values, partition-key, wait-for, many-per-patient:
     * {entity, links}, one-per-patient: {onto, field, rule}, not-migrated-values, not-migrated}.
     */
    private ResourceMapping moduleRecords(SourceResource resource, JsonNode node, String where) {
        keys(node, where, "action", "definitions", "values", "partition-key", "wait-for", "many-per-patient",
                "one-per-patient", "not-migrated-values", "not-migrated");
        SourcePath partitionKey = node.has("partition-key") ? path(node, "partition-key", where, true) : SourcePath.of("id");
        List<SourceResource> waitFor = resources(node.get("wait-for"), where + ".wait-for");
        SourceResource definitions = null;
        String defs = requiredText(node, "definitions", where);
        if (defs != null) {
            try {
                definitions = SourceResource.fromPath(defs);
                if (!waitFor.contains(definitions)) {
                    problem(where + ".definitions", "a record maps by its module's definition, known only once every"
                            + " definition of the run is: add " + defs + " to wait-for");
                }
            } catch (IllegalArgumentException unknown) {
                problem(where + ".definitions", "'" + defs + "' is not a Dr.DENTES resource");
            }
        }
        SourcePath values = path(node, "values", where, true);
        String entity = null;
        List<FieldRule> links = new ArrayList<>();
        JsonNode many = node.get("many-per-patient");
        if (many == null || !many.isObject()) {
            problem(where + ".many-per-patient", "missing: {entity, links}");
        } else {
            keys(many, where + ".many-per-patient", "entity", "links");
            entity = requiredText(many, "entity", where + ".many-per-patient");
            if (entity != null && !entity.matches("cm_[a-z0-9_{}]*\\{key}[a-z0-9_{}]*")) {
                problem(where + ".many-per-patient.entity", "must be a custom module name cm_... holding {key}");
            }
            JsonNode ls = many.get("links");
            for (int i = 0; ls != null && i < ls.size(); i++) {
                String lWhere = where + ".many-per-patient.links[" + i + "]";
                FieldRule link = readField(ls.get(i), lWhere, waitFor);
                if (link != null && link.reference() == null) {
                    problem(lWhere, "a link is a reference to another record");
                } else if (link != null) {
                    links.add(link);
                }
            }
        }
        FieldRule onto = null;
        String field = null;
        String several = null;
        JsonNode one = node.get("one-per-patient");
        String oWhere = where + ".one-per-patient";
        if (one == null || !one.isObject()) {
            problem(oWhere, "missing: {onto, field, rule}");
        } else {
            keys(one, oWhere, "onto", "field", "rule");
            onto = one.has("onto") ? readField(one.get("onto"), oWhere + ".onto", waitFor) : null;
            if (onto == null || onto.reference() == null || onto.reference().shape() != Shape.ONTO) {
                problem(oWhere + ".onto", "must be a reference of shape onto to the patient, e.g. {to:"
                        + " custom_field.cf_dentes_id, reference: {resource: patients, from: patient_id, shape: onto}}");
                onto = null;
            }
            field = requiredText(one, "field", oWhere);
            if (field != null && !field.matches("cf_[a-z0-9_{}]*\\{key}[a-z0-9_{}]*\\{field}[a-z0-9_{}]*")) {
                problem(oWhere + ".field", "must be a custom field name cf_... holding {key} and then {field}");
            }
            several = rule(one, "rule", oWhere);
            if (!waitFor.contains(resource)) {
                problem(oWhere + ".rule", "one record per patient needs every record of the run: add "
                        + resource.path() + " to wait-for");
            }
        }
        Map<String, String> notMigratedValues = new LinkedHashMap<>();
        JsonNode nmv = node.get("not-migrated-values");
        if (nmv != null) {
            nmv.fields().forEachRemaining(e -> notMigratedValues.put(e.getKey(), e.getValue().asText()));
        }
        if (definitions == null || values == null || entity == null || onto == null || field == null
                || several == null) {
            return null;
        }
        ModuleRule module = new ModuleRule(definitions, values, entity, links, onto, field, several, notMigratedValues);
        return new ResourceMapping(resource, MappingAction.MODULE_RECORD, FreshsalesTarget.CUSTOM_MODULE_RECORD,
                List.of(), partitionKey, waitFor, List.of(), null, null, null, null, null,
                List.of(new UniqueRule(onto.reference().from(), List.of(), several, null)), List.of(), null, null,
                notMigrated(node, where), List.of(), module, null, List.of(), null);
    }

    /**
     * Reads a {@code note} mapping: {@code partition-key, wait-for, patient, case, title, body, body-rule, max-length,
     * header (lines), not-migrated}.
     */
    private ResourceMapping notes(SourceResource resource, JsonNode node, String where) {
        keys(node, where, "action", "partition-key", "wait-for", "patient", "case", "title", "body", "body-rule",
                "max-length", "header", "not-migrated");
        SourcePath partitionKey = node.has("partition-key") ? path(node, "partition-key", where, true) : SourcePath.of("id");
        List<SourceResource> waitFor = resources(node.get("wait-for"), where + ".wait-for");
        ReferenceRule patient = node.has("patient") ? reference(node.get("patient"), where + ".patient", waitFor) : null;
        ReferenceRule kase = node.has("case") ? reference(node.get("case"), where + ".case", waitFor) : null;
        if (patient == null) {
            problem(where + ".patient", "missing: {resource: patients, from: patient_id, ...}");
        }
        if (kase == null) {
            problem(where + ".case", "missing: {resource: treatment-cases, from: treatment_case_id, optional: true}");
        } else if (!kase.optional()) {
            problem(where + ".case", "must be optional: a note whose case is not mapped goes on the contact");
        }
        SourcePath title = path(node, "title", where, true);
        SourcePath body = path(node, "body", where, true);
        String bodyRule = rule(node, "body-rule", where);
        int maxLength = node.path("max-length").asInt(0);
        if (maxLength < 200) {
            problem(where + ".max-length", "the account's note length limit in characters (at least 200), e.g. 8000");
        }
        List<TextRule.Line> header = new ArrayList<>();
        JsonNode h = node.get("header");
        if (h != null) {
            ObjectNode wrapped = YAML.createObjectNode();
            wrapped.put("to", "description");
            wrapped.set("lines", h);
            List<TextRule> t = texts(YAML.createArrayNode().add(wrapped), where + ".header");
            if (!t.isEmpty()) {
                header.addAll(t.get(0).lines());
            }
        }
        if (patient == null || kase == null || title == null || body == null || bodyRule == null) {
            return null;
        }
        FieldRule p = new FieldRule("targetable_id", List.of(), null, List.of(), null, FieldRule.OnInvalid.DROP, false,
                patient);
        FieldRule c = new FieldRule("targetable_id", List.of(), null, List.of(), null, FieldRule.OnInvalid.DROP, false,
                kase);
        return new ResourceMapping(resource, MappingAction.NOTE, FreshsalesTarget.NOTE, List.of(), partitionKey,
                waitFor, List.of(), null, null, null, null, null, List.of(), List.of(), null, null,
                notMigrated(node, where), List.of(), null, null,
                List.of(new TextRule("description", header, "\n", null)),
                new NoteRule(p, c, title, body, maxLength, bodyRule));
    }

    /**
     * Reads an {@code attachment} mapping: {@code partition-key, wait-for, owner-type, owners {PATIENT, TREATMENT_CASE,
     * CLINICAL_NOTE: references}, note-parent {patient, case}, file-name, content-type, size, sha256, max-bytes,
     * too-large-rule, invalid-rule, not-migrated}.
     */
    private ResourceMapping attachments(SourceResource resource, JsonNode node, String where) {
        keys(node, where, "action", "partition-key", "wait-for", "owner-type", "owners", "note-parent", "file-name",
                "content-type", "size", "sha256", "max-bytes", "too-large-rule", "invalid-rule", "not-migrated");
        SourcePath partitionKey = node.has("partition-key") ? path(node, "partition-key", where, true) : SourcePath.of("id");
        List<SourceResource> waitFor = resources(node.get("wait-for"), where + ".wait-for");
        JsonNode owners = node.path("owners");
        keys(owners, where + ".owners", "PATIENT", "TREATMENT_CASE", "CLINICAL_NOTE");
        ReferenceRule patient = owners.has("PATIENT")
                ? reference(owners.get("PATIENT"), where + ".owners.PATIENT", waitFor) : null;
        ReferenceRule kase = owners.has("TREATMENT_CASE")
                ? reference(owners.get("TREATMENT_CASE"), where + ".owners.TREATMENT_CASE", waitFor) : null;
        ReferenceRule note = owners.has("CLINICAL_NOTE")
                ? reference(owners.get("CLINICAL_NOTE"), where + ".owners.CLINICAL_NOTE", waitFor) : null;
        if (patient == null || kase == null || note == null) {
            problem(where + ".owners", "needs PATIENT, TREATMENT_CASE and CLINICAL_NOTE, each {resource, from, ...}");
        }
        JsonNode np = node.path("note-parent");
        String notePatient = np.path("patient").asText(null);
        String noteCase = np.path("case").asText(null);
        if (notePatient == null || noteCase == null) {
            problem(where + ".note-parent", "needs {patient: <note field>, case: <note field>}: where a note's"
                    + " attachment goes is where the note went");
        }
        SourcePath ownerType = path(node, "owner-type", where, true);
        SourcePath fileName = path(node, "file-name", where, true);
        SourcePath contentType = path(node, "content-type", where, true);
        SourcePath size = path(node, "size", where, true);
        SourcePath sha256 = path(node, "sha256", where, true);
        long maxBytes = node.path("max-bytes").asLong(0);
        if (maxBytes < 1) {
            problem(where + ".max-bytes", "the target's per-file limit in bytes, e.g. 157286400 (150 MB)");
        }
        String tooLarge = rule(node, "too-large-rule", where);
        String invalid = rule(node, "invalid-rule", where);
        if (patient == null || kase == null || note == null || notePatient == null || noteCase == null
                || ownerType == null || fileName == null || contentType == null || size == null || sha256 == null
                || tooLarge == null || invalid == null) {
            return null;
        }
        FieldRule p = new FieldRule("targetable_id", List.of(), null, List.of(), null, FieldRule.OnInvalid.DROP, false,
                patient);
        FieldRule c = new FieldRule("targetable_id", List.of(), null, List.of(), null, FieldRule.OnInvalid.DROP, false,
                kase);
        FieldRule n = new FieldRule("targetable_id", List.of(), null, List.of(), null, FieldRule.OnInvalid.DROP, false,
                note);
        return new ResourceMapping(resource, MappingAction.ATTACHMENT, FreshsalesTarget.DOCUMENT, List.of(),
                partitionKey, waitFor, List.of(), null, null, null, null, null, List.of(), List.of(), null, null,
                notMigrated(node, where), List.of(), null, null, List.of(), null,
                new AttachmentRule(ownerType, p, c, n, notePatient, noteCase, fileName, contentType, size, sha256,
                        maxBytes, tooLarge, invalid));
    }

    /** Reads {@code span: {start, minutes, to-start, to-end, zone, rule}}, or null when absent. */
    private SpanRule span(JsonNode n, String where) {
        if (n == null) {
            return null;
        }
        keys(n, where, "start", "minutes", "to-start", "to-end", "zone", "rule");
        SourcePath start = path(n, "start", where, true);
        SourcePath minutes = path(n, "minutes", where, true);
        String toStart = requiredText(n, "to-start", where);
        String toEnd = requiredText(n, "to-end", where);
        String rule = rule(n, "rule", where);
        java.time.ZoneId zone = java.time.ZoneId.of("Europe/Istanbul");
        if (n.hasNonNull("zone")) {
            try {
                zone = java.time.ZoneId.of(n.get("zone").asText());
            } catch (java.time.DateTimeException e) {
                problem(where + ".zone", "'" + n.get("zone").asText() + "' is not a time zone id such as Europe/Istanbul");
            }
        }
        if (start == null || minutes == null || toStart == null || toEnd == null || rule == null) {
            return null;
        }
        return new SpanRule(start, minutes, toStart, toEnd, zone, rule);
    }

    /** Reads {@code text: [{to, lines: [{label, from, transforms}]}]}. */
    private List<TextRule> texts(JsonNode n, String where) {
        List<TextRule> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            problem(where, "must be a list of {to, lines}");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String tWhere = where + "[" + i + "]";
            JsonNode t = n.get(i);
            keys(t, tWhere, "to", "lines", "separator", "fallback");
            String to = requiredText(t, "to", tWhere);
            JsonNode ls = t.get("lines");
            List<TextRule.Line> lines = new ArrayList<>();
            if (ls == null || !ls.isArray() || ls.isEmpty()) {
                problem(tWhere + ".lines", "missing or empty: list {label, from[, transforms]}");
                continue;
            }
            for (int j = 0; j < ls.size(); j++) {
                String lWhere = tWhere + ".lines[" + j + "]";
                JsonNode l = ls.get(j);
                keys(l, lWhere, "label", "from", "transforms");
                String label = requiredText(l, "label", lWhere);
                SourcePath from = path(l, "from", lWhere, true);
                List<Transform> ts = transforms(l.get("transforms"), lWhere);
                if (ts.stream().anyMatch(Transform::needsTarget)) {
                    problem(lWhere + ".transforms", "a text line cannot depend on the target account");
                }
                if (label != null && from != null) {
                    lines.add(new TextRule.Line(label, from, ts));
                }
            }
            if (to != null && !TARGET_PATH.matcher(to).matches()) {
                problem(tWhere + ".to", "'" + to + "' is not a target field");
            } else if (to != null) {
                out.add(new TextRule(to, lines, t.hasNonNull("separator") ? t.get("separator").asText() : "\n",
                        t.hasNonNull("fallback") ? t.get("fallback").asText() : null));
            }
        }
        return out;
    }

    /** Reads {@code agree-with-parent: [{field, resource, via, parent-field, rule}]}. */
    private List<AgreeRule> agree(JsonNode n, String where, List<SourceResource> waitFor) {
        List<AgreeRule> out = new ArrayList<>();
        if (n == null) {
            return out;
        }
        if (!n.isArray()) {
            problem(where, "must be a list of {field, resource, via, parent-field, rule}");
            return out;
        }
        for (int i = 0; i < n.size(); i++) {
            String aWhere = where + "[" + i + "]";
            JsonNode a = n.get(i);
            keys(a, aWhere, "field", "resource", "via", "parent-field", "rule");
            SourcePath field = path(a, "field", aWhere, true);
            SourcePath via = path(a, "via", aWhere, true);
            String parentField = requiredText(a, "parent-field", aWhere);
            if (parentField != null && parentField.contains(".")) {
                problem(aWhere + ".parent-field", "a top-level field of the parent, not '" + parentField + "'");
                parentField = null;
            }
            String rule = rule(a, "rule", aWhere);
            SourceResource resource = null;
            String res = requiredText(a, "resource", aWhere);
            if (res != null) {
                try {
                    resource = SourceResource.fromPath(res);
                    if (!waitFor.contains(resource)) {
                        problem(aWhere + ".resource", "'" + res + "' is not in the mapping's wait-for, so the parent"
                                + " may not have been read yet: add it to wait-for");
                    }
                } catch (IllegalArgumentException unknown) {
                    problem(aWhere + ".resource", "'" + res + "' is not a Dr.DENTES resource");
                }
            }
            if (field != null && via != null && parentField != null && rule != null && resource != null) {
                out.add(new AgreeRule(field, resource, via, parentField, rule));
            }
        }
        return out;
    }

    /** Reads {@code line-items: {from, product, quantity, unit-price[, tooth, teeth-to]}}; only deals have them. */
    private LineItemsRule lineItems(JsonNode n, String where, FreshsalesTarget target, List<SourceResource> waitFor) {
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            problem(where, "must be {from, product, quantity, unit-price[, tooth, teeth-to]}");
            return null;
        }
        keys(n, where, "from", "product", "quantity", "unit-price", "tooth", "teeth-to");
        if (target != null && target != FreshsalesTarget.DEAL) {
            problem(where, "only deals have line items, not " + target.path());
        }
        if (!waitFor.contains(SourceResource.PRODUCTS)) {
            problem(where, "a line item's product is known only once every product of the run is: add products to"
                    + " wait-for");
        }
        SourcePath from = path(n, "from", where, true);
        String product = requiredText(n, "product", where);
        String quantity = requiredText(n, "quantity", where);
        String unitPrice = requiredText(n, "unit-price", where);
        String tooth = text(n, "tooth");
        String teethTo = text(n, "teeth-to");
        if ((tooth == null) != (teethTo == null)) {
            problem(where, "'tooth' and 'teeth-to' go together: the items' tooth numbers need a field to land in");
        }
        if (teethTo != null && !CUSTOM_FIELD_PATH.matcher(teethTo).matches()) {
            problem(where + ".teeth-to", "must name a custom field such as custom_field.cf_tooth_numbers");
        }
        return from == null || product == null || quantity == null || unitPrice == null ? null
                : new LineItemsRule(from, product, quantity, unitPrice, teethTo, tooth);
    }

    /** Reads {@code stage: {from, pipeline: [names], map: <lookup table>}}; only deals have pipelines. */
    private StageRule stage(JsonNode n, String where, FreshsalesTarget target) {
        if (n == null) {
            return null;
        }
        if (!n.isObject()) {
            problem(where, "must be {from, pipeline, map}");
            return null;
        }
        keys(n, where, "from", "pipeline", "map");
        if (target != null && target != FreshsalesTarget.DEAL) {
            problem(where, "only deals have pipelines and stages, not " + target.path());
        }
        SourcePath from = path(n, "from", where, true);
        List<String> pipelines = new ArrayList<>();
        JsonNode p = n.get("pipeline");
        if (p != null && p.isTextual() && !p.asText().isBlank()) {
            pipelines.add(p.asText());
        } else if (p != null && p.isArray()) {
            p.forEach(x -> {
                if (x.isTextual() && !x.asText().isBlank()) {
                    pipelines.add(x.asText());
                }
            });
        }
        if (pipelines.isEmpty()) {
            problem(where + ".pipeline", "missing: name the pipeline (or pipelines, tried in order) deals go to");
        }
        String table = requiredText(n, "map", where);
        if (table != null && !lookups.containsKey(table)) {
            problem(where + ".map", "names lookup table '" + table + "', which the spec's 'lookups' section does not"
                    + " define (it has: " + lookups.keySet() + ")");
            return null;
        }
        return from == null || pipelines.isEmpty() || table == null ? null
                : new StageRule(from, pipelines, table, lookups.get(table));
    }

    /**
     * Reads {@code require-any}. Each named target field must be written by one of the mapping's field rules (the
     * check runs right after them, before owner, lifecycle and the practice's custom fields), and each source field
     * named in the rejection must be one those field rules read, so a typo cannot name a field nobody fills.
     * {@code source-fields} defaults to the named fields' sources.
     */
    private List<RequireAnyRule> requireAny(JsonNode list, String where, List<FieldRule> fields) {
        List<RequireAnyRule> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            problem(where, "must be a list of {fields, rule, source-fields}");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            String rWhere = where + "[" + i + "]";
            JsonNode r = list.get(i);
            if (!r.isObject()) {
                problem(rWhere, "must be a mapping with 'fields' and 'rule'");
                continue;
            }
            keys(r, rWhere, "fields", "rule", "source-fields");
            String rule = rule(r, "rule", rWhere);
            List<FieldRule> named = new ArrayList<>();
            JsonNode fs = r.get("fields");
            if (fs == null || !fs.isArray() || fs.isEmpty()) {
                problem(rWhere + ".fields", "missing or empty: list the target fields of which one must be present");
            } else {
                for (JsonNode f : fs) {
                    String to = f.asText();
                    FieldRule written = fields.stream().filter(x -> x.to().equals(to)).findFirst().orElse(null);
                    if (written == null) {
                        problem(rWhere + ".fields", "'" + to + "' is not one of the mapping's target fields, so it"
                                + " would never be present");
                    } else if (named.contains(written)) {
                        problem(rWhere + ".fields", "'" + to + "' is named twice");
                    } else {
                        named.add(written);
                    }
                }
            }
            // Only when every named field resolved is the set of readable sources complete enough to judge a typo.
            boolean fieldsOk = fs != null && fs.isArray() && !fs.isEmpty() && named.size() == fs.size();
            Set<String> readable = new LinkedHashSet<>();
            for (FieldRule f : named) {
                if (f.reference() != null) {
                    readable.add(f.reference().from().dotted());
                }
                f.from().forEach(p -> readable.add(p.dotted()));
            }
            List<String> sourceFields = new ArrayList<>();
            JsonNode sf = r.get("source-fields");
            if (sf == null) {
                sourceFields.addAll(readable);
            } else if (!sf.isArray() || sf.isEmpty()) {
                problem(rWhere + ".source-fields", "must be a list of source paths, e.g. [email, mobile_phone]");
            } else {
                for (JsonNode s : sf) {
                    SourcePath p = null;
                    try {
                        p = SourcePath.of(s.asText());
                    } catch (IllegalArgumentException e) {
                        problem(rWhere + ".source-fields", e.getMessage());
                    }
                    if (p != null && fieldsOk && !readable.contains(p.dotted())) {
                        problem(rWhere + ".source-fields", "'" + p.dotted() + "' is not read by any of the named"
                                + " fields; they read " + List.copyOf(readable));
                    } else if (p != null) {
                        sourceFields.add(p.dotted());
                    }
                }
            }
            if (rule != null && fieldsOk && !sourceFields.isEmpty()) {
                out.add(new RequireAnyRule(named.stream().map(FieldRule::to).toList(), rule, sourceFields));
            }
        }
        return out;
    }

    private FieldRule readField(JsonNode f, String where, List<SourceResource> waitFor) {
        if (f == null || !f.isObject()) {
            problem(where, "must be a mapping with 'to' and one of 'from', 'value', 'reference'");
            return null;
        }
        keys(f, where, "to", "from", "value", "reference", "transforms", "required", "on-invalid", "essential");
        String to = requiredText(f, "to", where);
        if (to != null && !TARGET_PATH.matcher(to).matches()) {
            problem(where + ".to", "'" + to + "' is not a Freshsales field name (lower case, a single 'custom_field.' prefix at most)");
        } else if (to != null && to.contains(".") && !to.startsWith(FieldRule.CUSTOM_FIELD + ".cf_")) {
            problem(where + ".to", "'" + to + "': nested target fields are custom fields, written custom_field.cf_<name>");
        }
        int sources = (f.has("from") ? 1 : 0) + (f.has("value") ? 1 : 0) + (f.has("reference") ? 1 : 0);
        if (sources != 1) {
            problem(where, "needs exactly one of 'from', 'value', 'reference' (has " + sources + ")");
            return null;
        }
        List<SourcePath> from = new ArrayList<>();
        JsonNode fromNode = f.get("from");
        if (fromNode != null) {
            if (fromNode.isArray()) {
                for (JsonNode p : fromNode) {
                    addPath(from, p.asText(), where + ".from");
                }
                if (from.size() < 2) {
                    problem(where + ".from", "a list of paths needs at least two; write a single path as text");
                }
            } else {
                addPath(from, fromNode.asText(), where + ".from");
            }
        }
        JsonNode constant = f.get("value");
        if (constant != null && !(constant.isValueNode() || constant.isArray())) {
            problem(where + ".value", "must be a text or a list of texts");
        }
        ReferenceRule reference = f.has("reference") ? reference(f.get("reference"), where + ".reference", waitFor) : null;
        List<Transform> transforms = transforms(f.get("transforms"), where);
        if (reference != null && !transforms.isEmpty()) {
            problem(where + ".transforms", "a reference takes no transforms");
        }
        String required = f.has("required") ? rule(f, "required", where) : null;
        OnInvalid onInvalid = OnInvalid.DROP;
        if (f.hasNonNull("on-invalid")) {
            switch (f.get("on-invalid").asText()) {
                case "reject" -> onInvalid = OnInvalid.REJECT;
                case "drop" -> onInvalid = OnInvalid.DROP;
                default -> problem(where + ".on-invalid", "'" + f.get("on-invalid").asText() + "': use reject or drop");
            }
        }
        boolean essential = f.path("essential").asBoolean(false);
        if (essential && to != null && !to.startsWith(FieldRule.CUSTOM_FIELD + ".")) {
            problem(where + ".essential", "only custom fields can be essential (standard fields always exist)");
        }
        if (to == null) {
            return null;
        }
        return new FieldRule(to, from, constant, transforms, required, onInvalid, essential, reference);
    }

    private ReferenceRule reference(JsonNode r, String where, List<SourceResource> waitFor) {
        if (!r.isObject()) {
            problem(where, "must be {resource, from, ...}");
            return null;
        }
        keys(r, where, "resource", "from", "shape", "if-missing", "if-unknown", "optional");
        SourceResource resource = null;
        String res = requiredText(r, "resource", where);
        if (res != null) {
            try {
                resource = SourceResource.fromPath(res);
                if (!waitFor.contains(resource)) {
                    problem(where + ".resource", "'" + res + "' is not in the mapping's wait-for, so an unknown "
                            + res + " id could never be told from one not read yet: add it to wait-for");
                }
            } catch (IllegalArgumentException unknown) {
                problem(where + ".resource", "'" + res + "' is not a Dr.DENTES resource");
            }
        }
        SourcePath from = path(r, "from", where, true);
        Shape shape = Shape.ID;
        if (r.hasNonNull("shape")) {
            String s = r.get("shape").asText();
            shape = switch (s) {
                case "primary-account" -> Shape.PRIMARY_ACCOUNT;
                case "id" -> Shape.ID;
                case "id-list" -> Shape.ID_LIST;
                case "onto" -> Shape.ONTO;
                default -> null;
            };
            if (shape == null) {
                problem(where + ".shape", "'" + s + "': use id, id-list, primary-account or onto");
            }
            if (shape == Shape.ONTO && r.path("optional").asBoolean(false)) {
                problem(where + ".optional", "a record written onto another cannot do without it");
            }
        }
        IfMissing ifMissing = IfMissing.OMIT;
        if (r.hasNonNull("if-missing")) {
            String s = r.get("if-missing").asText();
            ifMissing = s.equals("reject") ? IfMissing.REJECT : s.equals("omit") ? IfMissing.OMIT : null;
            if (ifMissing == null) {
                problem(where + ".if-missing", "'" + s + "': use reject or omit");
            }
        }
        IfUnknown ifUnknown = IfUnknown.REJECT;
        if (r.hasNonNull("if-unknown")) {
            String s = r.get("if-unknown").asText();
            ifUnknown = s.equals("reject") ? IfUnknown.REJECT : s.equals("drop") ? IfUnknown.DROP : null;
            if (ifUnknown == null) {
                problem(where + ".if-unknown", "'" + s + "': use reject or drop");
            }
        }
        if (resource == null || from == null || shape == null || ifMissing == null || ifUnknown == null) {
            return null;
        }
        return new ReferenceRule(resource, from, shape, ifMissing, ifUnknown, r.path("optional").asBoolean(false));
    }

    private LifecycleRule lifecycle(JsonNode l, String where) {
        if (l == null) {
            return null;
        }
        keys(l, where, "converted-when-present", "converted", "unconverted");
        SourcePath when = path(l, "converted-when-present", where, true);
        String converted = stageType(l.get("converted"), where + ".converted");
        String unconverted = stageType(l.get("unconverted"), where + ".unconverted");
        return when == null || converted == null || unconverted == null ? null
                : new LifecycleRule(when, converted, unconverted);
    }

    private String stageType(JsonNode n, String where) {
        if (n == null || !n.isObject()) {
            problem(where, "missing: write {stage-type: <Lead|Customer|...>}");
            return null;
        }
        keys(n, where, "stage-type");
        return requiredText(n, "stage-type", where);
    }

    private List<Transform> transforms(JsonNode list, String where) {
        List<Transform> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            problem(where + ".transforms", "must be a list, e.g. [trim, phone]");
            return out;
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode step = list.get(i);
            String name;
            JsonNode argument = null;
            if (step.isTextual()) {
                name = step.asText();
            } else if (step.isObject() && step.size() == 1) {
                Map.Entry<String, JsonNode> only = step.fields().next();
                name = only.getKey();
                argument = only.getValue();
            } else {
                problem(where + ".transforms[" + i + "]", "write a step as a name or as {name: argument}");
                continue;
            }
            try {
                out.add(Transforms.create(name, argument, lookups));
            } catch (IllegalArgumentException e) {
                problem(where + ".transforms[" + i + "]", e.getMessage());
            }
        }
        return out;
    }

    private String rule(JsonNode node, String key, String where) {
        String rule = requiredText(node, key, where);
        if (rule != null && !Rules.exists(rule)) {
            problem(where + "." + key, "unknown rule '" + rule + "'; known: " + Rules.names());
            return null;
        }
        return rule;
    }

    private List<SourceResource> resources(JsonNode list, String where) {
        List<SourceResource> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        if (!list.isArray()) {
            problem(where, "must be a list of resources, e.g. [clinics]");
            return out;
        }
        for (JsonNode n : list) {
            try {
                out.add(SourceResource.fromPath(n.asText()));
            } catch (IllegalArgumentException e) {
                problem(where, "'" + n.asText() + "' is not a Dr.DENTES resource");
            }
        }
        return out;
    }

    private Map<String, String> notMigrated(JsonNode node, String where) {
        JsonNode n = node.get("not-migrated");
        Map<String, String> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        if (!n.isObject()) {
            problem(where + ".not-migrated", "must map source fields to the reason they stay behind");
            return out;
        }
        n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private SourcePath path(JsonNode node, String key, String where, boolean required) {
        String text = required ? requiredText(node, key, where) : text(node, key);
        if (text == null) {
            return null;
        }
        try {
            return SourcePath.of(text);
        } catch (IllegalArgumentException e) {
            problem(where + "." + key, e.getMessage());
            return null;
        }
    }

    private void addPath(List<SourcePath> into, String text, String where) {
        try {
            into.add(SourcePath.of(text));
        } catch (IllegalArgumentException e) {
            problem(where, e.getMessage());
        }
    }

    private void keys(JsonNode node, String where, String... known) {
        if (!node.isObject()) {
            return;
        }
        Set<String> allowed = Set.of(known);
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problem(where, "unknown key '" + k + "'; allowed here: " + List.of(known));
            }
        });
    }

    private String requiredText(JsonNode node, String key, String where) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull() || !v.isValueNode() || v.asText().isBlank()) {
            problem(where, "'" + key + "' is missing");
            return null;
        }
        return v.asText();
    }

    private static String text(JsonNode node, String key) {
        JsonNode v = node.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    private void problem(String where, String what) {
        problems.add(where + ": " + what);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
