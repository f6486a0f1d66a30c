package dev.ferry.loader.client;

import java.util.List;
import java.util.Map;

/**
 * One item a bulk job could not write, from {@code detailed_failure_report}.
 *
 * @param index the item's position in the submitted list, or -1 when the report does not say
 * @param identifier the item's identifier as the report echoes it
 * @param status the item's error code
 * @param messages the item's error messages
 */
public record BulkItemFailure(int index, Map<String, String> identifier, int status, List<String> messages) {
}
