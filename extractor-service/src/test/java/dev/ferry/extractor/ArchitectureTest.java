package dev.ferry.extractor;

import dev.ferry.testsupport.ServiceArchitectureTest;

/** The extractor's layering, enforced (issue 7). The rules and their fixes are in {@code FerryArchitectureRules}. */
class ArchitectureTest extends ServiceArchitectureTest {

    @Override
    protected String service() {
        return "extractor";
    }
}
