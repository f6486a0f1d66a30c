package dev.ferry.mapper.mapping.spec;

/** What the mapper does with the records of one source resource. */
public enum MappingAction {
    /** Build a {@code LoadCommand} that upserts the record into a Freshsales collection. */
    UPSERT("upsert"),
    /** Match the record (a practitioner) to an existing Freshsales user by e-mail; never written. */
    MATCH_OWNER("match-owner"),
    /**
     * Read custom-module definitions: schema that decides how the module's records map ({@link ModuleRule}); a
     * definition is never written to Freshsales, it ends LINKED to the place its records go.
     */
    DEFINE_MODULES("define-modules"),
    /** Map a custom-module record the way its module's definition says ({@link ModuleRule}). */
    MODULE_RECORD("module-record"),
    /** Map a clinical note to Freshsales notes on its patient's contact or its case's deal ({@link NoteRule}). */
    NOTE("note"),
    /**
     * Map an attachment's metadata to a Freshsales document on the record it belongs to ({@link AttachmentRule}); the
     * loader streams the bytes from Dr.DENTES, the command carries none.
     */
    ATTACHMENT("attachment"),
    /**
     * Nothing moves into Freshsales: the record becomes an entry of its rebuild document (workflows, integrations;
     * {@link dev.ferry.mapper.mapping.RebuildEntries}) and ends DOCUMENTED.
     */
    DOCUMENT("document");

    private final String word;

    MappingAction(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static MappingAction fromWord(String word) {
        for (MappingAction a : values()) {
            if (a.word.equals(word)) {
                return a;
            }
        }
        return null;
    }
}
