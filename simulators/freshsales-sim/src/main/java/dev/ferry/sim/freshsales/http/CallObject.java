package dev.ferry.sim.freshsales.http;

import java.util.Map;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Which Freshsales object an API call concerns, for the request summary's per-object counts (issue 13's bench counts
 * calls per migrated object type). The route template alone does not say it for every call: a lookup names its entity
 * in the query, a job poll only by the job it polls, a custom-module call by a path parameter. Plural module names
 * throughout ({@code contacts}, {@code sales_accounts}, {@code cm_imaging_record}).
 */
public final class CallObject {

    /** Account-wide reads (owners, stages, field definitions) that concern no migrated object. */
    public static final String METADATA = "metadata";
    /** A call no route matched. */
    public static final String UNMATCHED = "unmatched";
    /** A bulk job the sandbox no longer knows (reset meanwhile). */
    public static final String UNKNOWN_JOB = "unknown-job";

    private static final Map<String, String> SINGULAR = Map.of("contact", "contacts", "sales_account", "sales_accounts",
            "deal", "deals", "lead", "leads", "product", "products", "note", "notes", "task", "tasks",
            "sales_activity", "sales_activities", "appointment", "appointments");

    private CallObject() {
    }

    /**
     * @param template the matched route's template below the API prefix, or null when none matched
     * @param params the route's path parameters
     * @param query a query parameter by name (null when absent)
     * @param jobModule the module of a bulk job by id (null when unknown)
     */
    public static String of(String template, Map<String, String> params, Function<String, String> query,
            LongFunction<String> jobModule) {
        if (template == null) {
            return UNMATCHED;
        }
        String[] seg = template.substring(1).split("/");
        String first = seg[0];
        switch (first) {
            case "selector", "settings" -> {
                return METADATA;
            }
            case "cpq" -> {
                return "products";
            }
            case "custom_module", "filtered_search" -> {
                return plural(params.getOrDefault("entity", first));
            }
            case "lookup" -> {
                String entities = query.apply("entities");
                return entities == null || entities.isBlank() ? "lookup" : plural(entities.trim());
            }
            case "job_statuses" -> {
                String module = null;
                try {
                    module = jobModule.apply(Long.parseLong(params.getOrDefault("id", "")));
                } catch (NumberFormatException e) {
                    // not a job id: the sandbox answers 404, and the call concerns no known job
                }
                return module == null ? UNKNOWN_JOB : module;
            }
            default -> {
                // A parent's child listing (/contacts/{id}/notes) is spent on the children it lists.
                if (seg.length == 3 && seg[1].startsWith("{") && !seg[2].equals("forget") && !seg[2].equals("restore")) {
                    return seg[2].equals("document_associations") ? "documents" : seg[2];
                }
                return first;
            }
        }
    }

    private static String plural(String entity) {
        String e = entity.contains(",") ? entity.substring(0, entity.indexOf(',')).trim() : entity;
        return SINGULAR.getOrDefault(e, e);
    }
}
