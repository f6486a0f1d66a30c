package dev.ferry.sim.dentes.datagen.model;

/**
 * The data-quality traps a real Dr.DENTES practice carries. Each fires on an eligible record with its rate; the
 * manifest lists every record that carries one, so tests can assert on them.
 */
public enum Trap {
    /** A patient registered twice: same first name, last name and date of birth as an earlier patient. */
    DUPLICATE_PATIENT_NAME_DOB("patients", 0.03),
    /** A patient sharing an earlier patient's e-mail (families often do). */
    DUPLICATE_PATIENT_EMAIL("patients", 0.03),
    /** A patient whose clinic_id points at a soft-deleted (closed) clinic or at no clinic at all. */
    DANGLING_PATIENT_CLINIC("patients", 0.02),
    /** A patient whose primary_practitioner_id points at a soft-deleted (left) practitioner or at nobody. */
    DANGLING_PATIENT_PRACTITIONER("patients", 0.02),
    /** A required field absent or blank: patients.last_name, treatment-cases.title, recalls.reason. */
    MISSING_REQUIRED_FIELD("patients,treatment-cases,recalls", 0.02),
    /** A patient e-mail that is not an address (no TLD, two @, a space, a comma...). */
    INVALID_EMAIL("patients", 0.03),
    /** A valid e-mail keeping the Turkish letters and capitals of the name (İlker.Şahin@...), for case folding. */
    TURKISH_CASE_EMAIL("patients", 0.05),
    /**
     * A patient with neither an e-mail nor a mobile number (a home phone at most), who cannot become a Freshsales
     * contact. The only way a patient ends up without both; it excludes the e-mail traps for that patient.
     */
    NO_CONTACT_CHANNEL("patients", 0.02),
    /** A clinical note whose body is over 32 KB of UTF-8. */
    NOTE_OVER_32KB("clinical-notes", 0.01),
    /** A note carrying voice-capture metadata, which has no home in Freshsales. */
    VOICE_CAPTURE_METADATA("clinical-notes", 0.05),
    /** An appointment with duration_minutes zero or negative. */
    APPOINTMENT_NONPOSITIVE_DURATION("appointments", 0.02),
    /** A cancelled appointment (status CANCELLED with a cancel_reason). */
    APPOINTMENT_CANCELLED("appointments", 0.08),
    /** An amount with a comma decimal ("1.250,50 TL") in an appointment's free-text notes. */
    AMOUNT_COMMA_DECIMAL_IN_TEXT("appointments", 0.03),
    /** A recall still PENDING whose due_date lies before the dataset's generated_at date. */
    RECALL_DUE_IN_PAST("recalls", 0.05),
    /** A billing record naming no treatment case (a walk-in payment booked against the patient only). */
    BILLING_WITHOUT_CASE("billing-records", 0.03),
    /** A second billing record for a treatment case that already has one (a supplementary invoice). */
    BILLING_SEVERAL_PER_CASE("billing-records", 0.05),
    /** A billing record whose coverage_percent is over 100. */
    BILLING_COVERAGE_OVER_100("billing-records", 0.02),
    /** A billing record whose amounts are written the Turkish way ("7.500,00") instead of the contract's "7500.00". */
    BILLING_COMMA_DECIMAL("billing-records", 0.10),
    /** An overpaid billing record: paid more than the total, so the outstanding balance is a negative credit. */
    BILLING_CREDIT_BALANCE("billing-records", 0.03),
    /** A billing record in another currency than its treatment case (EUR billing on a TRY case). */
    BILLING_CURRENCY_MISMATCH("billing-records", 0.03),
    /** A custom-module value that does not fit its declared field type. */
    CUSTOM_FIELD_TYPE_MISMATCH("custom-modules/*/records", 0.03),
    /** AI radiograph-analysis settings (configuration, not patient data) stored in an imaging record. */
    AI_RADIOGRAPH_SETTINGS("custom-modules/imaging/records", 0.03),
    /** An integration whose credentials hold secret values. */
    INTEGRATION_SECRET_CREDENTIALS("integrations", 0.6),
    /** A practitioner without an e-mail (cannot be matched to a Freshsales user). */
    PRACTITIONER_NO_EMAIL("practitioners", 0.1),
    /** A soft-deleted record ("deleted": true); a deleted patient takes its dependants with it. */
    SOFT_DELETED("*", 0.02),
    /** A record whose updated_at is one of a few bulk-update instants shared by many records (ties). */
    SAME_UPDATED_AT_BATCH("patients,appointments", 0.03);

    private final String resources;
    private final double defaultRate;

    Trap(String resources, double defaultRate) {
        this.resources = resources;
        this.defaultRate = defaultRate;
    }

    /** Which resources the trap appears in (documentation only). */
    public String resources() {
        return resources;
    }

    /** Probability that an eligible record carries the trap unless configured otherwise. */
    public double defaultRate() {
        return defaultRate;
    }
}
