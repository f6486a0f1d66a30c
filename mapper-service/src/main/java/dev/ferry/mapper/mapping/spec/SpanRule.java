package dev.ferry.mapper.mapping.spec;

/**
 * A time span from a start and a length in minutes (an appointment: {@code start_at} and {@code duration_minutes}):
 * the start is written as it is (its instant and its offset kept), the end is the start plus the minutes. Zero minutes
 * give an end equal to the start, said in a note; a negative length rejects the record with {@code rule}, naming the
 * minutes field. A start written without an offset is read as a local time of {@code zone} (Europe/Istanbul has kept
 * +03:00 all year since September 2016, so a former DST night's 02:30 is a valid local time there).
 *
 * @param start source path of the start (ISO-8601, with an offset)
 * @param minutes source path of the length in whole minutes
 * @param toStart target field of the start
 * @param toEnd target field of the end
 * @param zone the zone a start without an offset is read in
 * @param rule the rule a negative length rejects with
 */
public record SpanRule(SourcePath start, SourcePath minutes, String toStart, String toEnd, java.time.ZoneId zone,
        String rule) {
}
