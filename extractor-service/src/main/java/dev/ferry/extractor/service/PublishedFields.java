package dev.ferry.extractor.service;

import dev.ferry.extractor.client.SourceFieldsClient;
import dev.ferry.extractor.config.ExtractorConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import org.jboss.logging.Logger;

/**
 * The projection each run publishes under: asked of the mapper when the run starts (and again when it resumes), so
 * the raw topics carry only what the run's mapping spec reads. A mapper that does not answer within its patience
 * fails the run with the reason (resumable); nothing is published whole in the meantime.
 */
@ApplicationScoped
public class PublishedFields {

    private static final Logger LOG = Logger.getLogger(PublishedFields.class);

    private final ExtractorConfig.Fields config;
    private final SourceFieldsClient mapper;

    public PublishedFields(ExtractorConfig config, SourceFieldsClient mapper) {
        this.config = config.fields();
        this.mapper = mapper;
    }

    void announce(@Observes StartupEvent event) {
        if (config.source() == ExtractorConfig.Fields.Source.ALL) {
            LOG.warn("ferry.extractor.fields.source=ALL: records are published whole, fields the mapping leaves"
                    + " behind included; for testing the extractor alone, never with a real practice");
        }
    }

    /** The projection for a run of this mapping version. */
    public FieldProjection forRun(String runId, String mappingVersion) throws ExtractionFailed, InterruptedException {
        if (config.source() == ExtractorConfig.Fields.Source.ALL) {
            return FieldProjection.all();
        }
        long deadline = System.nanoTime() + config.mapperPatience().toNanos();
        String last;
        long pause = 500;
        while (true) {
            try {
                var fields = mapper.fieldsOf(mappingVersion);
                if (fields.isEmpty()) {
                    throw new ExtractionFailed("the mapper at " + config.mapperUrl() + " has no mapping spec "
                            + mappingVersion + ": the fields to publish are unknown");
                }
                LOG.infof("run %s: publishing the fields mapping %s reads: %s", runId, mappingVersion, fields.get());
                return FieldProjection.of(fields.get());
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (System.nanoTime() + pause * 1_000_000 > deadline) {
                throw new ExtractionFailed("the mapper at " + config.mapperUrl() + " did not say which fields mapping "
                        + mappingVersion + " reads within " + config.mapperPatience() + " (" + last + ")");
            }
            LOG.infof("run %s: waiting for the mapper to say which fields to publish (%s)", runId, last);
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 10_000);
        }
    }
}
