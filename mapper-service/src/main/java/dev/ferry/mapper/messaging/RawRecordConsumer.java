package dev.ferry.mapper.messaging;

import dev.ferry.contracts.SourceResource;
import dev.ferry.mapper.service.Outages;
import dev.ferry.mapper.service.RecordIntake;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The raw topics. Each method returns only when the record's effect is durable (command or outcome acknowledged, or
 * the record held in the pending table); the connector then acks it and the throttled commit strategy commits the
 * offset. Undecodable records go to {@code ferry.poison} inside {@link RecordIntake} and return normally. A database
 * or broker outage is waited out on the consumer thread ({@link Outages}): the record is tried again until it goes
 * through, and the channel lives on (its unprocessed-record age check is off for that reason). Anything else thrown
 * (a bug) nacks the record and the channel's {@code fail} strategy stops it: health reports the consumer down.
 */
@ApplicationScoped
public class RawRecordConsumer {

    private final RecordIntake intake;
    private final java.time.Duration maxPause;

    public RawRecordConsumer(RecordIntake intake, dev.ferry.mapper.config.MapperConfig config) {
        this.intake = intake;
        this.maxPause = config.outageMaxPause();
    }

    @Incoming("raw-practitioners-in")
    @Blocking
    public void practitioners(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-practitioners-in", SourceResource.PRACTITIONERS);
    }

    @Incoming("raw-clinics-in")
    @Blocking
    public void clinics(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-clinics-in", SourceResource.CLINICS);
    }

    @Incoming("raw-patients-in")
    @Blocking
    public void patients(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-patients-in", SourceResource.PATIENTS);
    }

    @Incoming("raw-treatment-cases-in")
    @Blocking
    public void treatmentCases(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-treatment-cases-in", SourceResource.TREATMENT_CASES);
    }

    @Incoming("raw-appointments-in")
    @Blocking
    public void appointments(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-appointments-in", SourceResource.APPOINTMENTS);
    }

    @Incoming("raw-recalls-in")
    @Blocking
    public void recalls(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-recalls-in", SourceResource.RECALLS);
    }

    @Incoming("raw-clinical-notes-in")
    @Blocking
    public void clinicalNotes(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-clinical-notes-in", SourceResource.CLINICAL_NOTES);
    }

    @Incoming("raw-attachments-in")
    @Blocking
    public void attachments(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-attachments-in", SourceResource.ATTACHMENTS);
    }

    @Incoming("raw-products-in")
    @Blocking
    public void products(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-products-in", SourceResource.PRODUCTS);
    }

    @Incoming("raw-billing-records-in")
    @Blocking
    public void billingRecords(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-billing-records-in", SourceResource.BILLING_RECORDS);
    }

    @Incoming("raw-custom-modules-in")
    @Blocking
    public void customModules(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-custom-modules-in", SourceResource.CUSTOM_MODULES);
    }

    @Incoming("raw-custom-module-records-in")
    @Blocking
    public void customModuleRecords(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-custom-module-records-in", SourceResource.CUSTOM_MODULE_RECORDS);
    }

    @Incoming("raw-workflows-in")
    @Blocking
    public void workflows(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-workflows-in", SourceResource.WORKFLOWS);
    }

    @Incoming("raw-integrations-in")
    @Blocking
    public void integrations(ConsumerRecord<String, byte[]> record) {
        accept(record, "raw-integrations-in", SourceResource.INTEGRATIONS);
    }

    private void accept(ConsumerRecord<String, byte[]> record, String channel, SourceResource resource) {
        Outages.waitOut(channel, () -> intake.accept(record.value(), origin(channel, record), resource), Outages::sleep,
                maxPause);
    }

    static RecordIntake.Origin origin(String channel, ConsumerRecord<String, byte[]> record) {
        return new RecordIntake.Origin(channel, record.topic(), record.partition(), record.offset(), record.key());
    }
}
