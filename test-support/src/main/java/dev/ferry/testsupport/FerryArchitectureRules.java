package dev.ferry.testsupport;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import java.util.Arrays;

/**
 * The architecture rules Ferry's services share, written once so each service's {@code ArchitectureTest} states only
 * which of them apply and to which packages. Every rule says in its {@code because} how to fix a violation.
 */
public final class FerryArchitectureRules {

    private static final String ROOT = "dev.ferry";

    private FerryArchitectureRules() {
    }

    /** The production classes of one service, {@code dev.ferry.<service>..}, without its tests. */
    public static JavaClasses productionClasses(String service) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT + "." + service);
    }

    /** The rules every service follows: {@link #importsNoOtherService} and {@link #httpOnlyInClient}. */
    public static ArchRule everyServiceRules(String service) {
        return CompositeArchRule.of(importsNoOtherService(service)).and(httpOnlyInClient(service));
    }

    /**
     * A service talks to others through Kafka topics and HTTP only; it shares code only through contracts (the wire)
     * and source-text (how Dr.DENTES text is judged: the mapper maps and the extractor's discovery reports with the
     * same rules, which were copies kept equal by hand before).
     */
    public static ArchRule importsNoOtherService(String service) {
        return noClasses().that().resideInAPackage(pkg(service))
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(not(resideInAnyPackage(pkg(service), ROOT + ".contracts..", ROOT + ".sourcetext.."))))
                .because("services share only dev.ferry.contracts and dev.ferry.sourcetext: move a shared wire type "
                        + "to contracts (with a round-trip test), a shared judgement of source text to sourcetext, or "
                        + "copy the few lines the service needs");
    }

    /**
     * Only {@code client} speaks HTTP to other systems; {@code config} may build the {@code HttpClient} it hands to a
     * client. A call elsewhere would bypass the client's retries, rate budget and error mapping.
     */
    public static ArchRule httpOnlyInClient(String service) {
        return noClasses().that().resideInAPackage(pkg(service))
                .and().resideOutsideOfPackages(pkg(service, "client"), pkg(service, "config"))
                .should().dependOnClassesThat().resideInAPackage("java.net.http..")
                .because("HTTP calls belong in the service's client package: add a method to the client there and "
                        + "call that");
    }

    /**
     * {@code layer} of {@code service} depends on none of {@code forbidden} (packages of the same service, or
     * framework packages given with their full name and {@code ..}).
     */
    public static ArchRule layerDoesNotDependOn(String service, String layer, String why, String... forbidden) {
        String[] packages = Arrays.stream(forbidden)
                .map(f -> f.contains(".") ? f : pkg(service, f))
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(pkg(service, layer))
                .should().dependOnClassesThat().resideInAnyPackage(packages)
                .because(why);
    }

    private static String pkg(String service) {
        return ROOT + "." + service + "..";
    }

    private static String pkg(String service, String layer) {
        return ROOT + "." + service + "." + layer + "..";
    }
}
