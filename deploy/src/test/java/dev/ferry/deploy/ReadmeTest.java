package dev.ferry.deploy;

import dev.ferry.testsupport.ReadmeAnatomy;
import org.junit.jupiter.api.Test;

/** deploy/README.md's table of tests links classes that exist where it says, like every module README. */
class ReadmeTest {

    @Test
    void readmeClassLinksHold() {
        ReadmeAnatomy.assertLinksHold();
    }
}
