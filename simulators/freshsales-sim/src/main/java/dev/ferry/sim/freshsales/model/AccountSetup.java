package dev.ferry.sim.freshsales.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ferry.sim.freshsales.config.SettingsHolder;
import dev.ferry.sim.freshsales.config.SimConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/**
 * The account's configuration data: users, selector lists and field metadata. Everything is swapped
 * as a whole (volatile snapshots), so readers never see half an update.
 */
@ApplicationScoped
public class AccountSetup {

    private final ObjectMapper json = new ObjectMapper();
    private final JsonNode seedSelectors;
    private final JsonNode seedFields;
    private volatile ObjectNode selectors;
    private volatile ArrayNode users;
    private volatile FieldCatalog fields;
    private volatile ModuleCatalog modules;

    @Inject
    public AccountSetup(SimConfig config) {
        this(config.fieldsFile().map(p -> SettingsHolder.readDocument(Path.of(p))).orElseGet(() -> resource("seed/fields.yaml")));
    }

    public AccountSetup(JsonNode fieldsDoc) {
        this.seedSelectors = resource("seed/selectors.json");
        this.seedFields = fieldsDoc;
        FieldCatalog.from(seedFields);
        reset();
    }

    private static JsonNode resource(String name) {
        try (InputStream in = AccountSetup.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Back to the seeded users, selectors and fields. */
    public synchronized void reset() {
        ObjectNode s = seedSelectors.deepCopy();
        users = (ArrayNode) s.remove("owners");
        selectors = s;
        setFields(FieldCatalog.from(seedFields));
    }

    public synchronized void setFields(FieldCatalog catalog) {
        fields = catalog;
        modules = new ModuleCatalog(catalog);
    }

    /** Replaces the account's users (PUT /_sim/users). */
    public synchronized void setUsers(ArrayNode newUsers) {
        for (JsonNode u : newUsers) {
            if (!u.path("id").canConvertToLong() || u.path("id").asLong() <= 0 || !u.hasNonNull("email")) {
                throw new IllegalArgumentException("every user needs a positive numeric id and an email");
            }
        }
        ArrayNode copy = json.createArrayNode();
        for (JsonNode u : newUsers) {
            ObjectNode o = json.createObjectNode();
            o.put("id", u.path("id").asLong());
            o.put("display_name", u.path("display_name").asText(u.path("email").asText()));
            o.put("email", u.path("email").asText());
            o.put("is_active", u.path("is_active").asBoolean(true));
            o.set("work_number", u.path("work_number").isMissingNode() ? json.nullNode() : u.get("work_number"));
            o.set("mobile_number", u.path("mobile_number").isMissingNode() ? json.nullNode() : u.get("mobile_number"));
            copy.add(o);
        }
        users = copy;
    }

    public ArrayNode users() {
        return users;
    }

    /** The user the API keys act as: the first active user. */
    public long apiUserId() {
        for (JsonNode u : users) {
            if (u.path("is_active").asBoolean()) {
                return u.path("id").asLong();
            }
        }
        return users.isEmpty() ? 0 : users.get(0).path("id").asLong();
    }

    public JsonNode user(long id) {
        for (JsonNode u : users) {
            if (u.path("id").asLong() == id) {
                return u;
            }
        }
        return null;
    }

    public long activeUserCount() {
        long n = 0;
        for (JsonNode u : users) {
            if (u.path("is_active").asBoolean()) {
                n++;
            }
        }
        return n;
    }

    /** A selector list by name, or null. */
    public ArrayNode selector(String name) {
        if ("deal_stages".equals(name)) {
            ArrayNode all = json.createArrayNode();
            for (JsonNode p : selectors.path("deal_pipelines")) {
                p.path("deal_stages").forEach(all::add);
            }
            return all;
        }
        JsonNode n = selectors.get(name);
        return n instanceof ArrayNode a ? a : null;
    }

    public Iterator<Map.Entry<String, JsonNode>> selectorLists() {
        return selectors.fields();
    }

    /** Entry of a selector list by id, or null. */
    public JsonNode selectorEntry(String name, long id) {
        ArrayNode list = selector(name);
        if (list == null) {
            return null;
        }
        for (JsonNode e : list) {
            if (e.path("id").asLong() == id) {
                return e;
            }
        }
        return null;
    }

    public JsonNode defaultPipeline() {
        for (JsonNode p : selectors.path("deal_pipelines")) {
            if (p.path("is_default").asBoolean()) {
                return p;
            }
        }
        return selectors.path("deal_pipelines").get(0);
    }

    public JsonNode pipelineOfStage(long stageId) {
        for (JsonNode p : selectors.path("deal_pipelines")) {
            for (JsonNode st : p.path("deal_stages")) {
                if (st.path("id").asLong() == stageId) {
                    return p;
                }
            }
        }
        return null;
    }

    public FieldCatalog fields() {
        return fields;
    }

    public ModuleCatalog modules() {
        return modules;
    }
}
