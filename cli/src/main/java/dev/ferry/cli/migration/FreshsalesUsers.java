package dev.ferry.cli.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.FerryJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The Freshsales account's users for a rehearsal: {@code freshsales-users.json} from the dataset folder when present
 * (a JSON array of {email, display_name}), otherwise one user per active practitioner with an e-mail, minus every
 * fifth, so the unmatched-practitioner path always shows.
 */
public final class FreshsalesUsers {

    public static final String FILE = "freshsales-users.json";
    private static final long FIRST_ID = 72000000001L;

    private FreshsalesUsers() {
    }

    /** The users as {@code PUT /_sim/users} takes them. */
    public static ArrayNode forDataset(Path dataset) {
        try {
            Path file = dataset.resolve(FILE);
            List<String[]> users = Files.exists(file) ? fromFile(file) : fromPractitioners(dataset.resolve("practitioners.jsonl"));
            ArrayNode out = FerryJson.mapper().createArrayNode();
            long id = FIRST_ID;
            for (String[] u : users) {
                ObjectNode n = out.addObject();
                n.put("id", id++);
                n.put("email", u[0]);
                n.put("display_name", u[1]);
                n.put("is_active", true);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the practitioners of " + dataset + ": " + e.getMessage(), e);
        }
    }

    private static List<String[]> fromFile(Path file) throws IOException {
        List<String[]> users = new ArrayList<>();
        for (JsonNode n : FerryJson.mapper().readTree(file.toFile())) {
            users.add(new String[] {n.path("email").asText(), n.path("display_name").asText(n.path("email").asText())});
        }
        return users;
    }

    private static List<String[]> fromPractitioners(Path practitioners) throws IOException {
        List<JsonNode> active = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(practitioners, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode p = FerryJson.mapper().readTree(line);
                if (p.path("active").asBoolean(false) && !p.path("deleted").asBoolean(false)
                        && p.hasNonNull("email") && !p.get("email").asText().isBlank()) {
                    active.add(p);
                }
            }
        }
        active.sort(Comparator.comparing(p -> p.get("id").asText()));
        List<String[]> users = new ArrayList<>();
        for (int i = 0; i < active.size(); i++) {
            if (i % 5 == 4) {
                continue; // not invited to Freshsales yet: shows the unmatched path
            }
            JsonNode p = active.get(i);
            users.add(new String[] {asFreshsalesStoresIt(p.get("email").asText()),
                    p.path("first_name").asText() + " " + p.path("last_name").asText()});
        }
        return users;
    }

    /**
     * Freshsales keeps addresses in lower case; a Turkish capital İ becomes a plain i there (not i + combining dot).
     */
    static String asFreshsalesStoresIt(String email) {
        return email.replace("İ", "i").toLowerCase(Locale.ROOT).replace("\u0307", "");
    }
}
