/*
 * A run's rollback dry run (issue 12) on the audit: GET /runs lists runs (ferry-viewer); POST
 * /runs/{id}/rollback?dryRun=true plans the rollback and issues nothing (ferry-operator). The plan names ids, targets,
 * field names and reasons, never a value. The rollback itself stays a deliberate CLI act (bin/ferry rollback).
 */
FerryReview.view({
  id: 'rollback',
  title: 'Rollback dry run',
  about: 'What rolling a run back would do, issuing nothing: records the run created are deleted, records it updated '
    + 'get their before-images back, anything else is left alone with the reason; the cost in Freshsales calls and '
    + 'the ETA on the budget. Listing runs needs ferry-viewer, the dry run ferry-operator.',
  async render(root, r) {
    const runs = r.el('div', { id: 'rollback-runs' });
    const plan = r.el('div', { id: 'rollback-plan' });
    const runId = r.el('input', { id: 'rollback-run', type: 'text', size: '40', 'aria-label': 'run id' });
    const force = r.el('input', { id: 'rollback-force', type: 'checkbox' });
    r.append(root, runs, r.el('p', null, r.el('label', { for: 'rollback-run' }, 'Run '), runId, ' ',
      r.el('label', null, force, ' also records changed in Freshsales since (force)'), ' ',
      r.button('Plan the rollback (dry run)', () => dryRun().catch(r.fail), { id: 'rollback-dry-run' })), plan);
    const page = await r.api('GET', '/runs', { roles: 'ferry-viewer' });
    runs.replaceChildren((page.items || []).length === 0 ? r.el('p', { class: 'note' }, 'No run known yet.')
      : r.table([
        { title: 'run', value: x => r.button(x.runId, () => { runId.value = x.runId; dryRun().catch(r.fail); },
          { class: 'rollback-open' }) },
        { title: 'mode', value: x => x.mode },
        { title: 'map', value: x => x.mappingVersion },
        { title: 'status', value: x => x.status },
        { title: 'started', value: x => x.startedAt }
      ], page.items, { id: 'rollback-runs-table' }));

    async function dryRun() {
      const id = runId.value.trim();
      if (!id) {
        throw new FerryReview.ReviewError('Name a run first.');
      }
      const v = await r.api('POST', '/runs/' + encodeURIComponent(id) + '/rollback?dryRun=true&force='
        + (force.checked ? 'true' : 'false'), { roles: 'ferry-operator' });
      if (!r.alive()) {
        return;
      }
      plan.replaceChildren(
        r.el('h3', null, 'Dry run of run ', v.runId, v.force ? ' (force)' : ''),
        r.facts([['to delete', v.toDelete], ['to restore', v.toRestore], ['left alone', v.leftAlone],
          ['already rolled back', v.alreadyRolledBack], ['Freshsales calls', v.calls], ['ETA (s)', v.etaSeconds],
          ['rollback state', v.state]], { id: 'rollback-summary' }),
        r.table([
          { title: 'action', value: e => e.action }, { title: 'level', value: e => e.level, cls: 'num' },
          { title: 'resource', value: e => e.resource }, { title: 'source id', value: e => e.sourceId },
          { title: 'part', value: e => e.part, cls: 'num' }, { title: 'target', value: e => e.target },
          { title: 'Freshsales id', value: e => e.freshsalesId, cls: 'num' },
          { title: 'fields', value: e => (e.fields || []).join(', ') },
          { title: 'why', value: e => e.detail }
        ], v.records || [], { id: 'rollback-records' }, 500));
    }
  }
});
