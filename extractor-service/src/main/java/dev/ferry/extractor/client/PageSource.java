package dev.ferry.extractor.client;

/** Where pages come from: the tenant through {@link DentesClient}, or an in-memory source in tests. */
@FunctionalInterface
public interface PageSource {
    DentesPage fetch(PageQuery query) throws DentesCallFailed, InterruptedException;
}
