package dev.ferry.loader.rest;

import dev.ferry.contracts.FreshsalesTarget;
import dev.ferry.contracts.SourceResource;
import dev.ferry.contracts.TargetMetadata;
import dev.ferry.contracts.security.Roles;
import dev.ferry.loader.client.FreshsalesClient;
import dev.ferry.loader.client.FreshsalesException;
import dev.ferry.loader.readback.ExpectedRecord;
import dev.ferry.loader.readback.SampleDiff;
import dev.ferry.loader.readback.SampleDiffMarkdown;
import dev.ferry.loader.readback.SampleDiffRequest;
import dev.ferry.loader.readback.SampleDiffer;
import dev.ferry.loader.readback.TargetFields;
import dev.ferry.loader.readback.TargetReadBack;
import dev.ferry.loader.service.TargetMetadataService;
import dev.ferry.loader.store.EntryKey;
import dev.ferry.loader.store.IdLedger;
import dev.ferry.loader.store.Jdbc;
import dev.ferry.loader.store.LedgerEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * The sample diff (issue 11 step 4): the sampled records read back from Freshsales under the account's budget and
 * compared with what the confirmed map promises. The answer holds patient values, so only an operator may ask, and
 * nothing of it is logged.
 */
@Path("/sample-diff")
public class SampleDiffResource {

    /** The collection a Classic account's lead field definitions are listed under. */
    static final String LEADS = "leads";

    /** Most records one request may read back: a sample holds 200 to 500. */
    static final int MAX_RECORDS = 1_000;

    private final Jdbc jdbc;
    private final IdLedger ledger;
    private final FreshsalesClient client;
    private final SampleDiffer differ;
    private final TargetMetadataService metadata;

    public SampleDiffResource(Jdbc jdbc, IdLedger ledger, FreshsalesClient client, TargetMetadataService metadata) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.client = client;
        this.differ = new SampleDiffer(new TargetReadBack(client));
        this.metadata = metadata;
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Reads the sampled records back and compares every promised field: EQUAL, DIFFERENT (both "
            + "values), MISSING, or NOT_APPLICABLE (a Classic lead's module has no such field) per record, and a "
            + "summary per field. Holds patient values.")
    public SampleDiff diff(SampleDiffRequest request) throws InterruptedException {
        List<ExpectedRecord> sample = located(request);
        TargetFields leads = sample.stream().anyMatch(r -> r.target() != null
                && r.target().target() == FreshsalesTarget.LEAD) ? leadFields() : TargetFields.ANY;
        return differ.diff(request.runId(), sample,
                t -> t.target() == FreshsalesTarget.LEAD ? leads : TargetFields.ANY);
    }

    /**
     * The fields the account's leads have (the definitions the mapper shaped each lead by), from the metadata cache
     * or, when it holds none (filled while the account refused them), asked once; every field when the account does
     * not say, as the mapper then leaves nothing out.
     */
    private TargetFields leadFields() throws InterruptedException {
        List<TargetMetadata.FieldDef> defs = metadata.get().fields().get(LEADS);
        if (defs != null) {
            return new TargetFields(defs.stream().map(TargetMetadata.FieldDef::name).collect(Collectors.toSet()));
        }
        try {
            Set<String> names = new HashSet<>();
            client.fields(LEADS).forEach(f -> names.add(f.path("name").asText()));
            return new TargetFields(names);
        } catch (FreshsalesException.Refused refused) {
            return TargetFields.ANY;
        }
    }

    @RolesAllowed(Roles.OPERATOR)
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces("text/markdown")
    @Operation(summary = "The same diff as a page: the summary per field, then the records with a field not equal.")
    public String page(SampleDiffRequest request) throws InterruptedException {
        return SampleDiffMarkdown.render(diff(request));
    }

    /** Each promise with where the ledger says it was written (part 0: the record's own write). */
    private List<ExpectedRecord> located(SampleDiffRequest request) {
        if (request == null || request.runId() == null || request.records() == null) {
            throw new BadRequestException("runId and records are required");
        }
        if (request.records().size() > MAX_RECORDS) {
            throw new BadRequestException("at most " + MAX_RECORDS + " records a request");
        }
        return jdbc.inTransaction(c -> {
            List<ExpectedRecord> out = new ArrayList<>();
            for (SampleDiffRequest.Promise p : request.records()) {
                SourceResource r;
                try {
                    r = SourceResource.fromPath(p.resource());
                } catch (IllegalArgumentException e) {
                    throw new BadRequestException("unknown resource " + p.resource());
                }
                if (p.sourceId() == null || p.expected() == null) {
                    throw new BadRequestException("every record needs resource, sourceId and expected");
                }
                LedgerEntry e = ledger.find(c, new EntryKey(r, p.sourceId(), 0));
                // Never written (rejected, or not loaded yet): no target to read; every promised field is missing.
                out.add(new ExpectedRecord(r.path(), p.sourceId(), e == null ? null : e.target(),
                        e == null ? null : e.freshsalesId(), p.expected()));
            }
            return out;
        });
    }
}
