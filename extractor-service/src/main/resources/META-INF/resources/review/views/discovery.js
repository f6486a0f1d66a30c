/*
 * The discovery report (issue 11 step 1) on the extractor: GET /discoveries lists them (ferry-viewer), POST starts one
 * (ferry-operator), GET /discoveries/{id} is the report (ferry-auditor: it lists patient ids and staff names and
 * e-mails). Every value is drawn as text by FerryReview's helpers.
 */
FerryReview.view({
  id: 'discovery',
  title: 'Discovery report',
  about: 'What the tenant holds, read without writing anything: counts per resource, custom modules and fields, '
    + 'data-quality findings with the ids behind them, attachments and owner matches. The list needs ferry-viewer, '
    + 'a report ferry-auditor (patient ids, staff names and e-mails), starting one ferry-operator.',
  async render(root, r) {
    const list = r.el('div', { id: 'discovery-list' });
    const report = r.el('div', { id: 'discovery-report' });
    r.append(root, r.el('p', null,
      r.button('Start a discovery', () => start().catch(r.fail), { id: 'discovery-start' }),
      r.button('Refresh the list', () => refresh().catch(r.fail), { id: 'discovery-refresh' })), list, report);
    await refresh();

    async function refresh() {
      const all = await r.api('GET', '/discoveries', { roles: 'ferry-viewer' });
      list.replaceChildren(all.length === 0 ? r.el('p', { class: 'note' }, 'No discovery kept yet.')
        : r.table([
          { title: 'discovery', value: d => r.button(d.discoveryId, () => show(d.discoveryId).catch(r.fail),
            { class: 'discovery-open' }) },
          { title: 'state', value: d => d.state },
          { title: 'started', value: d => d.startedAt },
          { title: 'finished', value: d => d.finishedAt },
          { title: 'records read', value: d => d.recordsRead, cls: 'num' }
        ], all));
    }

    async function start() {
      const started = await r.api('POST', '/discoveries', { json: {}, roles: 'ferry-operator' });
      await refresh();
      await show(started.discoveryId);
    }

    async function show(id) {
      const v = await r.api('GET', '/discoveries/' + encodeURIComponent(id), { roles: 'ferry-auditor' });
      if (!r.alive()) {
        return;
      }
      if (v.state === 'RUNNING') {
        report.replaceChildren(r.el('p', { id: 'discovery-state' }, 'Discovery ', v.discoveryId, ' is reading ',
          v.reading || '…', ': ', v.recordsRead, ' records so far.'));
        setTimeout(() => show(id).catch(r.fail), 1000);
        return;
      }
      await refresh();
      if (v.state === 'FAILED' || !v.report) {
        report.replaceChildren(r.el('p', { id: 'discovery-state', class: 'error' }, 'Discovery ', v.discoveryId, ' ',
          v.state, v.failureReason ? ': ' + v.failureReason : ''));
        return;
      }
      report.replaceChildren(r.el('p', { id: 'discovery-state' }, 'Discovery ', v.discoveryId, ' ', v.state, ', ',
        v.recordsRead, ' records read, ', v.startedAt, ' to ', v.finishedAt, '.'), ...reportParts(v.report));
    }

    function reportParts(rep) {
      const parts = [r.el('h3', null, 'Records per resource'), r.table([
        { title: 'resource', value: c => c.resource },
        { title: 'live', value: c => c.live, cls: 'num' },
        { title: 'deleted', value: c => c.deleted, cls: 'num' },
        { title: 'invalid', value: c => c.invalid, cls: 'num' },
        { title: 'not served', value: c => c.unavailable }
      ], rep.resources || [], { id: 'discovery-counts' })];
      if ((rep.customModules || []).length) {
        parts.push(r.el('h3', null, 'Custom modules'), r.table([
          { title: 'key', value: m => m.key }, { title: 'name', value: m => m.name },
          { title: 'cardinality', value: m => m.cardinality },
          { title: 'fields', value: m => (m.fields || []).map(f => f.key + ' (' + f.type + ')').join(', ') },
          { title: 'live records', value: m => m.liveRecords, cls: 'num' },
          { title: 'deleted', value: m => m.deleted ? 'definition deleted' : '' }
        ], rep.customModules, { id: 'discovery-modules' }));
      }
      if ((rep.customFields || []).length) {
        parts.push(r.el('h3', null, 'Custom-field keys'), r.table([
          { title: 'resource', value: f => f.resource }, { title: 'key', value: f => f.key },
          { title: 'records', value: f => f.records, cls: 'num' },
          { title: 'value types', value: f => Object.entries(f.valueTypes || {}).map(([t, n]) => t + ' ' + n).join(', ') }
        ], rep.customFields, { id: 'discovery-custom-fields' }));
      }
      parts.push(r.el('h3', null, 'Data-quality findings'), r.table([
        { title: 'rule', value: f => f.rule }, { title: 'resource', value: f => f.resource },
        { title: 'field', value: f => f.field }, { title: 'records', value: f => f.count, cls: 'num' },
        { title: 'what', value: f => f.description },
        { title: 'ids (first)', value: f => idsOf(f) }
      ], rep.findings || [], { id: 'discovery-findings' }));
      const a = rep.attachments;
      if (a) {
        parts.push(r.el('h3', null, 'Attachments'), r.facts([['count', a.count], ['bytes', a.totalBytes],
          ['largest', a.largestId ? a.largestId + ' (' + a.largestBytes + ' bytes)' : null],
          ['target storage', a.targetStorageBytes], ['fits', a.fitsTargetStorage === undefined ? null
            : String(a.fitsTargetStorage)]], { id: 'discovery-attachments' }));
      }
      const o = rep.owners;
      if (o) {
        parts.push(r.el('h3', null, 'Owners'), r.facts([['users from', o.usersFrom], ['Freshsales users', o.users],
          ['practitioners matched', o.matched], ['matched to an inactive user', o.matchedInactiveUser],
          ['note', o.note]], { id: 'discovery-owners' }));
        if ((o.unmatched || []).length) {
          parts.push(r.el('p', null, 'Practitioners to invite or match:'), r.table([
            { title: 'id', value: p => p.id }, { title: 'name', value: p => p.name },
            { title: 'e-mail', value: p => p.email }, { title: 'role', value: p => p.role },
            { title: 'status', value: p => p.status }
          ], o.unmatched, { id: 'discovery-unmatched' }));
        }
      }
      return parts;
    }

    function idsOf(f) {
      const ids = f.groups ? f.groups.map(g => '[' + g.join(', ') + ']') : (f.ids || []);
      const shown = ids.slice(0, 10).join(', ');
      return ids.length > 10 || (f.ids && f.count > f.ids.length) ? shown + ' …' : shown;
    }
  }
});
