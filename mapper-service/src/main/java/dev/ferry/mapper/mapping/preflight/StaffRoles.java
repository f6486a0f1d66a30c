package dev.ferry.mapper.mapping.preflight;

import java.util.Locale;
import java.util.Map;

/**
 * The Freshsales role and profile a Dr.DENTES staff role calls for: Ferry's stated table for the admin who invites
 * the practice's staff. Roles are Freshsales' built-in ones (an admin may have made custom roles; then pick the
 * closest). The profile says what the user works on in the CRM, which decides the permissions to grant.
 *
 * <table>
 * <caption>Dr.DENTES role to Freshsales user</caption>
 * <tr><th>Dr.DENTES</th><th>Freshsales role</th><th>profile</th></tr>
 * <tr><td>DENTIST</td><td>Sales Rep</td><td>clinician: owns patients (contacts) and treatment plans (deals)</td></tr>
 * <tr><td>HYGIENIST</td><td>Sales Rep</td><td>clinician: owns recalls (tasks) and appointments, reads deals</td></tr>
 * <tr><td>OFFICE_MANAGER</td><td>Sales Manager</td><td>clinic manager: every deal of the clinic's pipeline,
 * reports, reassigns owners</td></tr>
 * <tr><td>RECEPTIONIST</td><td>Sales Rep</td><td>front desk: contacts and appointments, no deal amounts to
 * edit</td></tr>
 * <tr><td>ASSISTANT</td><td>Sales Rep</td><td>chairside: reads contacts, logs activities and notes</td></tr>
 * </table>
 */
public final class StaffRoles {

    /** A row of the table. */
    public record Assignment(String dentesRole, String freshsalesRole, String profile) {
    }

    static final Map<String, Assignment> TABLE = Map.of(
            "DENTIST", new Assignment("DENTIST", "Sales Rep",
                    "clinician: owns patients (contacts) and treatment plans (deals)"),
            "HYGIENIST", new Assignment("HYGIENIST", "Sales Rep",
                    "clinician: owns recalls (tasks) and appointments, reads deals"),
            "OFFICE_MANAGER", new Assignment("OFFICE_MANAGER", "Sales Manager",
                    "clinic manager: every deal of the clinic's pipeline, reports, reassigns owners"),
            "RECEPTIONIST", new Assignment("RECEPTIONIST", "Sales Rep",
                    "front desk: contacts and appointments, no deal amounts to edit"),
            "ASSISTANT", new Assignment("ASSISTANT", "Sales Rep",
                    "chairside: reads contacts, logs activities and notes"));

    private StaffRoles() {
    }

    /** The row for a role; an unknown or missing role gets the least privileged user, said as such. */
    public static Assignment of(String dentesRole) {
        String key = dentesRole == null ? "" : dentesRole.strip().toUpperCase(Locale.ROOT);
        Assignment a = TABLE.get(key);
        return a != null ? a : new Assignment(dentesRole == null ? "(none)" : dentesRole, "Sales Rep",
                "unknown Dr.DENTES role: least privilege; ask the practice what this person does");
    }
}
