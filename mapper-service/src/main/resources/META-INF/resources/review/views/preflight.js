/*
 * Preflight (issue 11 step 3) on the mapper: GET /preflight/latest and /preflight/{id} read a kept report
 * (ferry-viewer); POST /preflight checks the confirmed map against the Freshsales account now (ferry-operator), with
 * a discovery report read from a local file when one is chosen (without it the cost and the practice's own fields are
 * not checked, and the report says so). A report names fields, stages, counts and staff (the user checklist: names,
 * e-mails, roles), never a patient's value. Reports are kept in the mapper's memory, the last 20.
 */
FerryReview.view({
  id: 'preflight',
  title: 'Preflight',
  about: 'Whether the confirmed map can run on the Freshsales account as it is now: every check passes or blocks, '
    + 'each finding says what a person must do; the field-creation and user checklists for the Freshsales admin; the '
    + 'budget turned into calls and hours. Reading a report needs ferry-viewer, running one ferry-operator.',
  async render(root, r) {
    const discovery = r.el('input', { id: 'preflight-discovery', type: 'file', accept: '.json,application/json' });
    const perHour = r.el('input', { id: 'preflight-calls-per-hour', type: 'number', min: '1', size: '8',
      placeholder: 'plan default' });
    const reportId = r.el('input', { id: 'preflight-id', type: 'text', size: '28', placeholder: 'latest',
      'aria-label': 'preflight id' });
    const report = r.el('div', { id: 'preflight-report' });
    r.append(root,
      r.el('p', null, r.el('label', { for: 'preflight-discovery' }, 'Discovery report (discovery.json, optional) '),
        discovery, ' ', r.el('label', { for: 'preflight-calls-per-hour' }, 'calls per hour '), perHour, ' ',
        r.button('Run preflight now', () => run().catch(r.fail), { id: 'preflight-run' })),
      r.el('p', null, r.el('label', { for: 'preflight-id' }, 'Report '), reportId, ' ',
        r.button('Open', () => open(reportId.value.trim() || 'latest').catch(r.fail), { id: 'preflight-open' })),
      report);
    await open('latest');

    async function open(id) {
      let p;
      try {
        p = await r.api('GET', '/preflight/' + encodeURIComponent(id), { roles: 'ferry-viewer' });
      } catch (e) {
        if (id === 'latest' && e instanceof FerryReview.ReviewError && e.message.includes(' 404')) {
          report.replaceChildren(r.el('p', { class: 'note', id: 'preflight-none' },
            'No preflight has run since the mapper started: run one (reports are kept in memory, the last 20).'));
          return;
        }
        throw e;
      }
      show(p);
    }

    async function run() {
      const body = {};
      const file = discovery.files && discovery.files[0];
      if (file) {
        try {
          body.discovery = JSON.parse(await file.text());
        } catch (e) {
          throw new FerryReview.ReviewError('The chosen file is not JSON: choose the discovery.json of a discovery.');
        }
      }
      if (perHour.value.trim()) {
        body.callsPerHour = Number(perHour.value);
      }
      show(await r.api('POST', '/preflight', { json: body, roles: 'ferry-operator' }));
    }

    function show(p) {
      if (!r.alive()) {
        return;
      }
      reportId.value = p.preflightId;
      const findings = p.findings || [];
      const checks = ['map', 'fields', 'stages', 'owners', 'storage', 'budget'].map(check => {
        const mine = findings.filter(f => f.check === check);
        const blocks = mine.filter(f => f.blocking).length;
        return { check, state: blocks ? 'BLOCKS' : 'passes', blocks, notes: mine.length - blocks };
      });
      const owners = p.owners;
      const cost = p.cost;
      const storage = p.storage;
      // r.append, not replaceChildren alone: it flattens the arrays below (the pipelines, the cost's two parts).
      report.replaceChildren();
      r.append(report,
        r.el('h3', null, 'Preflight ', p.preflightId),
        r.facts([
          ['result', p.passed ? 'PASSED: nothing blocks' : 'BLOCKED: ' + p.blocking + ' finding(s) block the run'],
          ['map', p.mapVersion], ['map sha256', p.mapSha256], ['run at', p.createdAt],
          ['account read at', p.targetFetchedAt], ['discovery', p.discoveryId || 'none passed'],
          ['cost and ETA', cost ? cost.summary : 'not estimated']
        ], { id: 'preflight-summary', class: p.passed ? 'passed' : 'blocked' }),
        r.el('h3', null, 'Checks'),
        r.table([
          { title: 'check', value: c => c.check },
          { title: 'state', value: c => c.state, cls: c => c.blocks ? 'state blocks' : 'state passes' },
          { title: 'blocking', value: c => c.blocks, cls: 'num' },
          { title: 'notes', value: c => c.notes, cls: 'num' }
        ], checks, { id: 'preflight-checks' }),
        r.el('h3', null, 'Findings: what a person must do'),
        findings.length === 0 ? r.el('p', { class: 'note' }, 'Nothing found.') : r.table([
          { title: 'check', value: f => f.check },
          { title: 'state', value: f => f.blocking ? 'BLOCKS' : 'note', cls: f => f.blocking ? 'blocks' : '' },
          { title: 'about', value: f => f.subject, cls: 'mono' },
          { title: 'problem', value: f => f.problem },
          { title: 'what to do', value: f => f.action }
        ], findings, { id: 'preflight-findings' }),
        r.el('h3', null, 'Field-creation checklist (for the Freshsales admin)'),
        (p.fieldChecklist || []).length === 0 ? r.el('p', { class: 'note' }, 'No custom field to create.') : r.table([
          { title: 'module', value: l => l.module },
          { title: 'label', value: l => l.label },
          { title: 'field name', value: l => l.name, cls: 'mono' },
          { title: 'type', value: l => [l.type, l.existingType && l.existingType !== l.type
            ? ' (account has ' + l.existingType + ')' : ''] },
          { title: 'pick-list values', value: l => (l.choices || []).join(', ') },
          { title: 'status', value: l => l.status },
          { title: 'values from', value: l => l.source, cls: 'mono' }
        ], p.fieldChecklist, { id: 'preflight-fields' }),
        r.el('h3', null, 'Pipelines and stages'),
        (p.pipelines || []).length === 0 ? r.el('p', { class: 'note' }, 'The map sets no stage.')
          : (p.pipelines || []).map(pl => r.el('div', { class: 'pipeline' },
            r.el('p', null, pl.resource, ' → ', pl.pipeline || 'no pipeline of ' + (pl.wanted || []).join(' / ')),
            r.table([
              { title: 'source stage', value: c => c.code },
              { title: 'lands on', value: c => c.stage || 'no stage of ' + (c.tried || []).join(' / ') },
              { title: 'probability', value: c => c.probability === null || c.probability === undefined ? ''
                : c.probability + ' %', cls: 'num' },
              { title: 'forecast', value: c => c.forecastType }
            ], pl.codes || [], { class: 'preflight-stages' }))),
        r.el('h3', null, 'Owners and the user checklist'),
        owners ? r.facts([['fallback owner', owners.fallbackEmail || 'none configured'],
          ['fallback state', owners.fallbackState], ['matched at discovery', owners.matchedAtDiscovery]],
        { id: 'preflight-owners' }) : r.el('p', { class: 'note' }, 'Owners not checked.'),
        owners && owners.users ? (owners.users.length === 0
          ? r.el('p', { class: 'note' }, 'Every practitioner has an active user.')
          : r.table([
            { title: 'practitioner', value: u => u.practitionerId },
            { title: 'name', value: u => u.name },
            { title: 'e-mail', value: u => u.email },
            { title: 'Dr.DENTES role', value: u => u.dentesRole },
            { title: 'Freshsales role', value: u => u.freshsalesRole },
            { title: 'profile', value: u => u.profile },
            { title: 'status', value: u => u.status },
            { title: 'what to do', value: u => u.action }
          ], owners.users, { id: 'preflight-users' }))
          : r.el('p', { class: 'note' }, 'No user checklist: pass a discovery report with its owners.'),
        r.el('h3', null, 'Storage'),
        storage ? r.facts([['quota', storage.quota], ['attachments', storage.attachments],
          ['total bytes', storage.totalBytes], ['largest file bytes', storage.largestBytes],
          ['account quota bytes', storage.quotaBytes]], { id: 'preflight-storage' })
          : r.el('p', { class: 'note' }, 'Not checked.'),
        r.el('h3', null, 'Budget: cost and ETA'),
        cost ? [r.facts([['estimate', cost.summary], ['calls', cost.calls], ['hours', cost.hours],
          ['calls per hour', cost.model ? cost.model.callsPerHour : null],
          ['not counted by discovery', (cost.missing || []).join(', ') || null]], { id: 'preflight-cost' }),
        r.table([
          { title: 'resource', value: l => l.resource },
          { title: 'to', value: l => l.target },
          { title: 'records', value: l => l.records, cls: 'num' },
          { title: 'how', value: l => l.how },
          { title: 'calls', value: l => l.calls, cls: 'num' }
        ], cost.lines || [], { id: 'preflight-cost-lines' })]
          : r.el('p', { class: 'note' }, 'Not estimated: run preflight with a discovery report.'));
    }
  }
});
