package dev.ferry.sim.freshsales.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.sim.freshsales.config.SimSettings;
import dev.ferry.sim.freshsales.model.ModuleDef;
import dev.ferry.sim.freshsales.store.ModuleTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/** The saved views ("filters") of contacts, accounts, deals, leads and custom modules, with their row filters. */
public final class ViewCatalog {

    /** A view: id, name, and which rows it shows. */
    public record View(long id, String name, boolean isDefault, Kind kind) {
    }

    /** What a view selects. */
    public enum Kind { ALL, MINE, OPEN, WON, LOST, RECYCLE_BIN }

    private ViewCatalog() {
    }

    /** Views of a module; ids are stable (module code * 100 + position) so tests can also read them from /filters. */
    public static List<View> views(ModuleDef m, SimSettings s) {
        long base = 71_100_000_000L + m.code() * 100L;
        List<View> v = new ArrayList<>();
        switch (m.name()) {
            case "contacts" -> {
                v.add(new View(base + 1, "All Contacts", true, Kind.ALL));
                v.add(new View(base + 2, "My Contacts", false, Kind.MINE));
            }
            case "sales_accounts" -> {
                v.add(new View(base + 1, "All Accounts", true, Kind.ALL));
                v.add(new View(base + 2, "My Accounts", false, Kind.MINE));
            }
            case "deals" -> {
                v.add(new View(base + 1, "Open Deals", true, Kind.OPEN));
                v.add(new View(base + 2, "Won Deals", false, Kind.WON));
                v.add(new View(base + 3, "Lost Deals", false, Kind.LOST));
                v.add(new View(base + 4, "My Deals", false, Kind.MINE));
                if (s.allDealsView) {
                    v.add(new View(base + 5, "All Deals", false, Kind.ALL));
                }
            }
            case "leads" -> {
                v.add(new View(base + 1, "All Leads", true, Kind.ALL));
                v.add(new View(base + 2, "My Leads", false, Kind.MINE));
            }
            default -> v.add(new View(base + 1, "All " + m.name(), true, Kind.ALL));
        }
        v.add(new View(base + 9, "Recycle Bin", false, Kind.RECYCLE_BIN));
        return v;
    }

    public static View find(ModuleDef m, SimSettings s, long id) {
        for (View v : views(m, s)) {
            if (v.id() == id) {
                return v;
            }
        }
        return null;
    }

    public static IntPredicate filter(View v, ModuleTable t, long me) {
        return switch (v.kind()) {
            case ALL -> s -> !t.isDeleted(s);
            case MINE -> s -> !t.isDeleted(s) && t.ownerAt(s) == me;
            case OPEN -> s -> !t.isDeleted(s) && t.stageKindAt(s) == 0;
            case WON -> s -> !t.isDeleted(s) && t.stageKindAt(s) == 1;
            case LOST -> s -> !t.isDeleted(s) && t.stageKindAt(s) == 2;
            case RECYCLE_BIN -> t::isDeleted;
        };
    }

    public static ObjectNode filtersResponse(ModuleDef m, SimSettings s) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode arr = out.putArray("filters");
        for (View v : views(m, s)) {
            arr.addObject().put("id", v.id()).put("name", v.name()).put("model_class_name", m.root())
                    .put("user_id", (Long) null).put("is_default", v.isDefault()).put("is_public", true)
                    .put("updated_at", (String) null);
        }
        return out;
    }
}
