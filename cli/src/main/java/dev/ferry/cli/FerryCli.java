package dev.ferry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The operator's command line. {@code bin/ferry} runs it for the verbs that drive a migration. */
@Command(name = "ferry", mixinStandardHelpOptions = true,
        subcommands = {DemoCommand.class, AuditLogCommand.class, DiscoverCommand.class, ProposeCommand.class,
            ConfirmCommand.class, PreflightCommand.class, RollbackCommand.class, DeltaCommand.class,
            ReconcileCommand.class, SampleCommand.class, RunCommand.class, StatusCommand.class},
        description = "Ferry: Dr.DENTES to Freshsales migration.")
public final class FerryCli implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new FerryCli()).execute(args));
    }
}
