package dev.ferry.loader.readback;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.client.WriteTarget;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads written records back from Freshsales as cheaply as the API allows, through the loader's client (so every call
 * draws on the account's one budget).
 *
 * <p>Contacts and accounts: the "All" view sorted by {@code updated_at} descending returns whole records, custom
 * fields included, 100 a call; a sample was just written, so its records are on the first pages. The pages read are
 * capped at what the wanted records fill plus one (others may have been written since); what is still not seen is
 * read by id. Other targets have no such view in every account: one {@code GET} per record.
 */
public final class TargetReadBack {

    private final FreshsalesClient client;

    public TargetReadBack(FreshsalesClient client) {
        this.client = client;
    }

    /** The records of these ids that Freshsales holds; an id it does not answer is absent from the map. */
    public Map<Long, ObjectNode> read(WriteTarget target, Collection<Long> ids) throws InterruptedException {
        Set<Long> left = new LinkedHashSet<>(ids);
        Map<Long, ObjectNode> out = new HashMap<>();
        Long view = hasAllView(target) && !left.isEmpty() ? allView(target) : null;
        if (view != null) {
            int allowance = (left.size() + 99) / 100 + 1;
            for (int page = 1; page <= allowance && !left.isEmpty(); page++) {
                FreshsalesClient.ViewPage listed = client.recentlyUpdated(target, view, page);
                for (ObjectNode record : listed.records()) {
                    long id = record.path("id").asLong(-1);
                    if (left.remove(id)) {
                        out.put(id, record);
                    }
                }
                if (listed.records().isEmpty() || page >= listed.totalPages()) {
                    break;
                }
            }
        }
        for (Long id : left) {
            try {
                ObjectNode record = client.get(target, id);
                if (record.path("id").asLong(-1) == id) {
                    out.put(id, record);
                }
            } catch (FreshsalesException.Refused refused) {
                if (refused.status() != 404) {
                    throw refused;
                }
                // Deleted since it was written: the record's fields are reported missing.
            }
        }
        return out;
    }

    private static boolean hasAllView(WriteTarget target) {
        return target.target() == FreshsalesTarget.CONTACT || target.target() == FreshsalesTarget.SALES_ACCOUNT;
    }

    private Long allView(WriteTarget target) throws InterruptedException {
        try {
            return client.allRecordsView(target);
        } catch (FreshsalesException.Refused e) {
            return null;
        }
    }
}
