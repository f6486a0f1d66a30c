package dev.ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ferry.cli.stack.FreshsalesEdition;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EditionOptionTest {

    @Test
    void oneEditionSetsTheSandboxAndTheMapperAlike() {
        assertThat(FreshsalesEdition.CLASSIC.classicMode()).isTrue();
        assertThat(FreshsalesEdition.CLASSIC.mapperEdition()).isEqualTo("CLASSIC");
        assertThat(FreshsalesEdition.SUITE.classicMode()).isFalse();
        assertThat(FreshsalesEdition.SUITE.mapperEdition()).isEqualTo("SUITE");
    }

    @Test
    void theDemoReadsTheOptionInAnyCaseAndDefaultsToSuite() {
        DemoCommand demo = new DemoCommand();
        new CommandLine(demo).parseArgs("--edition", "Classic");
        assertThat(demo.edition).isEqualTo(FreshsalesEdition.CLASSIC);
        DemoCommand plain = new DemoCommand();
        new CommandLine(plain).parseArgs();
        assertThat(plain.edition).isEqualTo(FreshsalesEdition.SUITE);
    }

    @Test
    void anUnknownEditionNamesTheChoices() {
        assertThatThrownBy(() -> new CommandLine(new DemoCommand()).parseArgs("--edition", "enterprise"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("unknown edition 'enterprise' (suite, classic)");
    }
}
