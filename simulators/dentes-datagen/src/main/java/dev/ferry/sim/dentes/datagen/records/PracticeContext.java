package dev.ferry.sim.dentes.datagen.records;

import dev.ferry.sim.dentes.datagen.realism.LongHashSet;
import dev.ferry.sim.dentes.datagen.realism.Places;
import dev.ferry.sim.dentes.datagen.realism.TreatmentCatalogue;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.datafaker.Faker;

/**
 * What a {@link RecordFactory} draws on: the seeded randomness, the practice's fixed parts (branches, staff,
 * catalogue, custom modules) and the memory needed to plant duplicates and keep everything else unique.
 */
public final class PracticeContext {

    /** A live clinic branch patients can belong to. */
    public record Branch(String id, Places.City city) {
    }

    /** A practitioner that can be referenced. */
    public record Staff(String id, String role) {
    }

    /** A catalogue entry and the product id it was stored under. */
    public record Product(String id, TreatmentCatalogue.Item item) {
    }

    /** What a later duplicate can copy from an earlier patient. */
    public record Identity(String id, String firstName, String lastName, String dateOfBirth, String email,
                           String nationalId) {
    }

    final Random random;
    final Faker faker;
    final TrapDice dice;
    final TrapSink sink;
    final OffsetDateTime asOf;
    /** What a patient's e-mail becomes as it is written: the practice's namespace tag, or nothing. */
    final java.util.function.UnaryOperator<String> emailTag;

    final List<Branch> branches = new ArrayList<>();
    final List<Staff> staff = new ArrayList<>();
    final List<Staff> clinicians = new ArrayList<>();
    final List<Product> products = new ArrayList<>();
    final List<ModuleDef> modules = new ArrayList<>();
    /** A soft-deleted clinic, target of dangling references; null when there is none. */
    String closedClinicId;
    /** A soft-deleted practitioner, target of dangling references; null when there is none. */
    String leftPractitionerId;
    /** The practice's own mail domain, for staff addresses. */
    String staffDomain = "dentesklinik.com.tr";
    /** Instants of bulk updates that many records share as updated_at (ties for the sort order). */
    final List<OffsetDateTime> batchInstants = new ArrayList<>();

    final LongHashSet nameDobKeys = new LongHashSet();
    final LongHashSet emailKeys = new LongHashSet();
    /** A ring of recent patients with clean identities: duplicates copy from it, memory stays bounded. */
    final Identity[] recent = new Identity[256];
    int recentCount;
    long missingRefCounter;

    public PracticeContext(Random random, Faker faker, TrapDice dice, TrapSink sink, OffsetDateTime asOf) {
        this(random, faker, dice, sink, asOf, java.util.function.UnaryOperator.identity());
    }

    public PracticeContext(Random random, Faker faker, TrapDice dice, TrapSink sink, OffsetDateTime asOf,
            java.util.function.UnaryOperator<String> emailTag) {
        this.emailTag = emailTag;
        this.random = random;
        this.faker = faker;
        this.dice = dice;
        this.sink = sink;
        this.asOf = asOf;
        batchInstants.add(asOf.minusDays(700).withHour(2).withMinute(0).withSecond(0).withNano(0));
        batchInstants.add(asOf.minusDays(200).withHour(3).withMinute(0).withSecond(0).withNano(0));
        batchInstants.add(asOf.minusDays(20).withHour(1).withMinute(30).withSecond(0).withNano(0));
    }

    public Random random() {
        return random;
    }

    public Faker faker() {
        return faker;
    }

    public TrapDice dice() {
        return dice;
    }

    public OffsetDateTime asOf() {
        return asOf;
    }

    public void addBranch(String id, Places.City city) {
        branches.add(new Branch(id, city));
    }

    public void addStaff(String id, String role) {
        Staff s = new Staff(id, role);
        staff.add(s);
        if (role.equals("DENTIST") || role.equals("HYGIENIST")) {
            clinicians.add(s);
        }
    }

    public void addProduct(String id, TreatmentCatalogue.Item item) {
        products.add(new Product(id, item));
    }

    public void addModule(ModuleDef module) {
        modules.add(module);
    }

    public void staffDomain(String domain) {
        this.staffDomain = domain;
    }

    public void closedClinic(String id) {
        this.closedClinicId = id;
    }

    public void leftPractitioner(String id) {
        this.leftPractitionerId = id;
    }

    public List<Branch> branches() {
        return branches;
    }

    /** Whether there is any practitioner to reference. */
    public boolean hasStaff() {
        return !staff.isEmpty();
    }

    public List<ModuleDef> modules() {
        return modules;
    }

    public List<OffsetDateTime> batchInstants() {
        return batchInstants;
    }

    void remember(Identity identity) {
        recent[recentCount % recent.length] = identity;
        recentCount++;
    }

    Identity randomRecent() {
        int n = Math.min(recentCount, recent.length);
        return n == 0 ? null : recent[random.nextInt(n)];
    }

    Identity randomRecentWithEmail() {
        int n = Math.min(recentCount, recent.length);
        for (int attempt = 0; attempt < 8 && n > 0; attempt++) {
            Identity i = recent[random.nextInt(n)];
            if (i.email() != null) {
                return i;
            }
        }
        return null;
    }

    Staff clinician() {
        return clinicians.isEmpty() ? staff.get(random.nextInt(staff.size())) : clinicians.get(random.nextInt(clinicians.size()));
    }

    Branch branch() {
        return branches.get(random.nextInt(branches.size()));
    }
}
