package dev.ferry.loader.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.ferry.contracts.FerryJson;
import dev.ferry.loader.budget.ServerView;

/** A Freshsales answer: status, body and what its headers said about the budget. */
public record FreshsalesResponse(int status, byte[] body, ServerView budget) {

    /** The body as JSON; a missing node when it is empty or not JSON. */
    public JsonNode json() {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return FerryJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            return MissingNode.getInstance();
        }
    }
}
