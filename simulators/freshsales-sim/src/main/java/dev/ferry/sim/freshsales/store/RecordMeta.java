package dev.ferry.sim.freshsales.store;

/**
 * The few values views and per-parent lists filter and sort on, kept beside the bytes so a listing
 * never has to decode every record.
 *
 * @param createdAt  epoch millis
 * @param updatedAt  epoch millis
 * @param ownerId    owner user id, or 0
 * @param parentId   id of the targetable parent (notes, tasks, ...), or 0
 * @param parentType code of the parent's module (see ModuleTable.PARENT_*), or 0
 * @param deleted    in the recycle bin
 * @param stageKind  deals: 0 open, 1 won, 2 lost
 */
public record RecordMeta(long createdAt, long updatedAt, long ownerId, long parentId, byte parentType, boolean deleted,
                         byte stageKind) {
}
