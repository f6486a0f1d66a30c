package dev.ferry.loader.service;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.contracts.TargetMetadata;
import dev.ferry.loader.budget.Sleeper;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.FreshsalesHttp;
import dev.ferry.loader.config.LoaderConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The Freshsales account's setup the mapper needs (owners, lifecycle stages, contact statuses, lead sources, industry
 * and business types, deal pipelines with their stages, currencies, field definitions of contacts, accounts, deals,
 * products and every custom module ({@code cm_*}, listed by {@code /settings/module_customizations}, each under its
 * entity name)), read through the loader's client so it draws on the one rate budget. Kept for
 * {@code ferry.loader.metadata.cache-ttl}; a request never waits for budget longer than {@link #MAX_BUDGET_WAIT}, and
 * a read that gets no definitive answer is asked again ({@link ReadRetry}). The answer is the contract's
 * {@link TargetMetadata}, the record the mapper decodes, so the two sides cannot disagree about the payload; what
 * Freshsales sends beyond it is not served.
 */
@ApplicationScoped
public class TargetMetadataService {

    /** Selector lists served, each under the name of its Freshsales selector. */
    static final String[] SELECTORS = {"owners", "lifecycle_stages", "contact_statuses", "lead_sources",
        "industry_types", "business_types", "deal_pipelines", "currencies", "sales_activity_types"};
    /** Modules whose field definitions are served. */
    static final String[] FIELD_MODULES = {"contacts", "sales_accounts", "deals", "products"};
    /**
     * Modules whose field definitions are served when the account answers for them (issue 10: the custom fields of
     * sales activities and tasks, cf_dentes_id among them; a Classic account's leads, which Suite refuses with 404);
     * a refusal leaves them out ("not known").
     */
    static final String[] OPTIONAL_FIELD_MODULES = {"sales_activities", "tasks", "leads"};
    static final Duration MAX_BUDGET_WAIT = Duration.ofSeconds(20);
    private static final Logger LOG = Logger.getLogger(TargetMetadataService.class);

    private final FreshsalesClient client;
    private final Duration ttl;
    private final Clock clock;
    private volatile TargetMetadata cached;
    private volatile Instant cachedAt = Instant.MIN;

    public TargetMetadataService(FreshsalesHttp http, LoaderConfig config, Clock clock) {
        this.client = new FreshsalesClient(http.withMaxBudgetWait(MAX_BUDGET_WAIT));
        this.ttl = config.metadata().cacheTtl();
        this.clock = clock;
    }

    /** The account's custom modules; none when the account refuses the list (a plan without custom modules). */
    private List<String> customModuleEntities() throws InterruptedException {
        try {
            return ReadRetry.read(client::customModuleEntities, Sleeper.REAL);
        } catch (FreshsalesException.Refused e) {
            LOG.infof("custom module list refused with %d; no custom module fields served", e.status());
            return List.of();
        }
    }

    /** The metadata, from the cache when it is fresh. */
    public TargetMetadata get() throws InterruptedException {
        TargetMetadata c = cached;
        if (c != null && clock.instant().isBefore(cachedAt.plus(ttl))) {
            return c;
        }
        synchronized (this) {
            if (cached != null && clock.instant().isBefore(cachedAt.plus(ttl))) {
                return cached;
            }
            // Freshsales' answers are gathered under the contract's snake_case names, then read into the record.
            ObjectNode answers = JsonNodeFactory.instance.objectNode();
            Instant at = clock.instant();
            answers.put("fetched_at", at.toString());
            for (String s : SELECTORS) {
                answers.set(s, ReadRetry.read(() -> client.selector(s), Sleeper.REAL));
            }
            ObjectNode fields = answers.putObject("fields");
            for (String m : FIELD_MODULES) {
                fields.set(m, ReadRetry.read(() -> client.fields(m), Sleeper.REAL));
            }
            for (String m : OPTIONAL_FIELD_MODULES) {
                try {
                    fields.set(m, ReadRetry.read(() -> client.fields(m), Sleeper.REAL));
                } catch (FreshsalesException.Refused e) {
                    LOG.infof("field definitions of %s refused with %d; not served", m, e.status());
                }
            }
            // Custom modules: their field definitions under the entity name, so the mapper can tell which cm fields
            // exist. One call for the list, one per module.
            for (String entity : customModuleEntities()) {
                try {
                    fields.set(entity, ReadRetry.read(() -> client.fields(entity), Sleeper.REAL));
                } catch (FreshsalesException.Refused e) {
                    // Left out, which the contract reads as "not known": one module's refusal must not cost the
                    // mapper every other list.
                    LOG.infof("field definitions of %s refused with %d; not served", entity, e.status());
                }
            }
            TargetMetadata fresh = FerryJson.mapper().convertValue(answers, TargetMetadata.class);
            cached = fresh;
            cachedAt = at;
            return fresh;
        }
    }
}
