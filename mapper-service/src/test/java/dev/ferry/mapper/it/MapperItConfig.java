package dev.ferry.mapper.it;

import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The topics and consumer groups the mapper runs on in this IT (fresh per test run, set by {@link MapperTopicsResource}).
 * Injected into each IT instead of every IT declaring the same block of {@code @ConfigProperty} fields
 * ({@code @Singleton}, so the fields are read without a client proxy).
 */
@Singleton
public class MapperItConfig {

    @ConfigProperty(name = "mp.messaging.incoming.raw-practitioners-in.topic")
    public String practitionersTopic;

    @ConfigProperty(name = "mp.messaging.incoming.raw-clinics-in.topic")
    public String clinicsTopic;

    @ConfigProperty(name = "mp.messaging.incoming.raw-patients-in.topic")
    public String patientsTopic;

    @ConfigProperty(name = "mp.messaging.incoming.raw-appointments-in.topic")
    public String appointmentsTopic;

    @ConfigProperty(name = "mp.messaging.incoming.raw-recalls-in.topic")
    public String recallsTopic;

    @ConfigProperty(name = "mp.messaging.incoming.raw-clinical-notes-in.topic")
    public String clinicalNotesTopic;

    @ConfigProperty(name = "mp.messaging.incoming.raw-treatment-cases-in.topic")
    public String treatmentCasesTopic;

    @ConfigProperty(name = "mp.messaging.incoming.runs-in.topic")
    public String runsTopic;

    @ConfigProperty(name = "mp.messaging.outgoing.commands-out.topic")
    public String commandsTopic;

    @ConfigProperty(name = "mp.messaging.outgoing.outcomes-out.topic")
    public String outcomesTopic;

    @ConfigProperty(name = "mp.messaging.outgoing.poison-out.topic")
    public String poisonTopic;

    @ConfigProperty(name = "mp.messaging.incoming.raw-patients-in.group.id")
    public String patientsGroup;

    @ConfigProperty(name = "mp.messaging.incoming.raw-clinics-in.group.id")
    public String clinicsGroup;

    @ConfigProperty(name = "mp.messaging.incoming.raw-practitioners-in.group.id")
    public String practitionersGroup;

    @ConfigProperty(name = "mp.messaging.incoming.runs-in.group.id")
    public String runsGroup;
}
