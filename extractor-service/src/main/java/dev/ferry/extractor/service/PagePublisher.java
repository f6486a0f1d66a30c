package dev.ferry.extractor.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ferry.extractor.model.Published;
import java.util.List;

/** Publishes records of one resource of one run and returns once Kafka acknowledged every one of them. */
@FunctionalInterface
public interface PagePublisher {
    Published publishAndAwait(List<ObjectNode> records) throws ExtractionFailed, InterruptedException;
}
