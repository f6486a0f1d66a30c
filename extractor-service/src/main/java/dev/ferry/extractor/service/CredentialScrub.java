package dev.ferry.extractor.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.contracts.SourceResource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes an integration's secrets before the record leaves the extractor, whatever the projection says (issue 10):
 * the {@code credentials} object, any top-level field whose name says it holds a secret or a header (a tenant can
 * carry {@code headers}, {@code api_token}, ...), and the user-info, query and fragment of its endpoint address
 * ({@code https://user:pw@host/path?api_key=...}). The mapper's projection already publishes only what the spec reads,
 * but "publish every field" ({@code ferry.extractor.fields.source=ALL}) exists for testing the extractor, and a
 * credential must not reach Kafka even then: this is the earliest point where it can be dropped.
 */
final class CredentialScrub {

    /** Fields of an integration that hold secret values by the contract. */
    static final Set<String> SECRET_FIELDS = Set.of("credentials");

    /** Field names that say a value is, or carries, a secret (lower-case, matched anywhere in the name). */
    private static final Pattern SECRET_NAME = Pattern.compile(
            "credential|secret|password|passwd|token|api_?key|header|authori[sz]ation|cookie|private|keystore");

    /** Fields holding an address whose user-info or query can carry a secret. */
    static final Set<String> ADDRESS_FIELDS = Set.of("endpoint_url");

    private CredentialScrub() {
    }

    /** Scrubs the record in place; records of other resources are left as they are. */
    static void apply(SourceResource resource, ObjectNode record) {
        if (resource != SourceResource.INTEGRATIONS) {
            return;
        }
        for (Iterator<String> names = record.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (SECRET_FIELDS.contains(name) || SECRET_NAME.matcher(name.toLowerCase(Locale.ROOT)).find()) {
                names.remove();
            }
        }
        for (String field : ADDRESS_FIELDS) {
            JsonNode value = record.get(field);
            if (value != null && value.isTextual()) {
                record.put(field, withoutSecrets(value.asText()));
            }
        }
    }

    /**
     * The address without user-info, query and fragment: scheme, host, port and path are what an admin needs to set
     * the integration up again. An address that does not parse is withheld whole rather than guessed at.
     */
    static String withoutSecrets(String address) {
        try {
            URI uri = new URI(address.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null
                        && !address.contains("@") ? address : "(withheld: not a plain address)";
            }
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(withheld: not a plain address)";
        }
    }
}
