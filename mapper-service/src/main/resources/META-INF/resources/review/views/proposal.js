/*
 * The proposed map and its confirmation (issue 11 step 2) on the mapper. Reading proposals and confirmations needs
 * ferry-viewer (field names, types and pick-list values, never a record's value); proposing and confirming need
 * ferry-operator. The map confirmed is the text in the box: the proposal's map.yaml, edited or not.
 */
FerryReview.view({
  id: 'proposal',
  title: 'Proposed map',
  about: 'Every source field with the Freshsales field proposed for it, the confidence (name similarity, type '
    + 'compatibility, pick-list fit) and the reasons. Load the map, edit it if needed, and confirm it: no run starts '
    + 'on an unconfirmed map. Reading needs ferry-viewer; proposing and confirming ferry-operator.',
  async render(root, r) {
    const list = r.el('div', { id: 'proposal-list' });
    const detail = r.el('div', { id: 'proposal-detail' });
    const confirmations = r.el('div', { id: 'confirmations' });
    r.append(root, r.el('p', null,
      r.button('Propose a map', () => propose().catch(r.fail), { id: 'proposal-propose' }),
      r.button('Refresh', () => refresh().catch(r.fail), { id: 'proposal-refresh' })),
    list, detail, r.el('h3', null, 'Confirmed maps'), confirmations);
    await refresh();

    async function refresh() {
      const [proposals, confirmed] = await Promise.all([
        r.api('GET', '/mapping/proposals', { roles: 'ferry-viewer' }),
        r.api('GET', '/mapping/confirmations', { roles: 'ferry-viewer' })]);
      list.replaceChildren(proposals.length === 0 ? r.el('p', { class: 'note' }, 'No proposal kept yet.')
        : r.table([
          { title: 'proposal', value: p => r.button(p.proposalId, () => show(p.proposalId).catch(r.fail),
            { class: 'proposal-open' }) },
          { title: 'created', value: p => p.createdAt },
          { title: 'base spec', value: p => p.baseSpec },
          { title: 'summary', value: p => summary(p.summary) }
        ], proposals));
      confirmations.replaceChildren(confirmed.length === 0 ? r.el('p', { class: 'note' }, 'No map confirmed yet.')
        : r.table([
          { title: 'version', value: c => c.mappingVersion },
          { title: 'sha256', value: c => c.sha256, cls: 'mono' },
          { title: 'intact', value: c => c.intact ? 'yes' : 'CHANGED since confirmed' },
          { title: 'by', value: c => c.confirmedBy },
          { title: 'at', value: c => c.confirmedAt },
          { title: 'proposal', value: c => c.proposalId },
          { title: 'comment', value: c => c.comment }
        ], confirmed, { id: 'confirmations-table' }));
    }

    async function propose() {
      const p = await r.api('POST', '/mapping/proposals', { json: {}, roles: 'ferry-operator' });
      await refresh();
      await show(p.proposalId);
    }

    async function show(id) {
      const p = await r.api('GET', '/mapping/proposals/' + encodeURIComponent(id), { roles: 'ferry-viewer' });
      if (!r.alive()) {
        return;
      }
      const text = r.el('textarea', { id: 'map-text', spellcheck: 'false',
        placeholder: 'Load the map to confirm; edit it here if a field should go elsewhere.' });
      const comment = r.el('input', { id: 'confirm-comment', type: 'text', maxlength: '500', size: '60' });
      const result = r.el('div', { id: 'confirmation' });
      detail.replaceChildren(
        r.el('h3', null, 'Proposal ', p.proposalId),
        r.facts([['base spec', p.baseSpec], ['base sha256', p.baseSha256], ['target fields read', p.targetFetchedAt],
          ['custom fields from', p.customFieldsFrom], ['summary', summary(p.summary)]], { id: 'proposal-summary' }),
        r.table([
          { title: 'resource', value: f => f.resource },
          { title: 'source field', value: f => f.sourceField },
          { title: 'origin', value: f => f.origin },
          { title: 'source type', value: f => [f.sourceType, f.observed ? ' (seen: ' + f.observed + ')' : ''] },
          { title: 'decision', value: f => f.decision },
          { title: 'Freshsales field', value: f => f.decision === 'CREATE' && f.newField
            ? ['create ', f.newField.name, ' (', f.newField.type, ')'] : [f.targetField, f.targetLabel ? ' · ' + f.targetLabel : ''] },
          { title: 'type', value: f => f.targetType },
          { title: 'confidence', value: f => Math.round(f.confidence * 100) + ' %', cls: f => 'num confidence '
            + (f.confidence >= 0.8 ? 'high' : f.confidence >= 0.5 ? 'mid' : 'low') },
          { title: 'review', value: f => f.review ? 'review' : '' },
          { title: 'reasons', value: f => r.el('ul', null, (f.reasons || []).map(x => r.el('li', null, x))) },
          { title: 'missing choices', value: f => (f.missingChoices || []).join(', ') }
        ], p.fields || [], { id: 'proposal-fields' }),
        (p.notes || []).length ? r.el('ul', { class: 'note' }, p.notes.map(n => r.el('li', null, n))) : null,
        r.el('h3', null, 'Confirm'),
        r.el('p', null, r.button('Load the map to confirm', () => load().catch(r.fail), { id: 'map-load' })),
        text,
        r.el('p', null, r.el('label', { for: 'confirm-comment' }, 'Comment '), comment),
        r.el('p', null, r.button('Confirm this map', () => confirm().catch(r.fail), { id: 'confirm' })),
        result);

      async function load() {
        text.value = await r.api('GET', '/mapping/proposals/' + encodeURIComponent(id) + '/map.yaml',
          { accept: 'application/yaml', roles: 'ferry-viewer' });
      }

      async function confirm() {
        if (!text.value.trim()) {
          await load();
        }
        result.replaceChildren();
        try {
          const c = await r.api('POST', '/mapping/confirmations',
            { json: { text: text.value, proposalId: id, comment: comment.value || null }, roles: 'ferry-operator' });
          result.replaceChildren(r.el('div', { class: 'ok', id: 'confirmed' },
            r.facts([['confirmed version', c.mappingVersion], ['sha256', c.sha256], ['by', c.confirmedBy],
              ['at', c.confirmedAt], ['resources', (c.resources || []).join(', ')]])));
        } catch (e) {
          result.replaceChildren(r.el('p', { class: 'error', id: 'confirm-error' },
            e instanceof FerryReview.ReviewError ? e.message : 'The confirmation failed.'));
        }
        await refresh();
      }
    }

    function summary(s) {
      return s ? s.fields + ' fields: ' + s.existing + ' to existing fields, ' + s.create + ' to create, '
        + s.review + ' to review, ' + s.picklistMisses + ' pick-list misses' : '';
    }
  }
});
