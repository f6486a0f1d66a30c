/*
 * The sample diff (issue 11 step 4) on the loader: POST /sample-diff (ferry-operator) reads a sample run's records
 * back from Freshsales, under the account's budget, and compares every field with what the confirmed map promises.
 *
 * What a record should hold is the mapper's to say (GET /runs/{id}/promised on the mapper, ferry-operator, with
 * ?map=N to compare with another confirmed map), and this page may fetch only from the loader (CSP connect-src
 * 'self', no CORS anywhere). So the operator saves the mapper's answer to a file and chooses it here: the browser
 * reads it locally and sends it to this loader only, as `ferry sample` does.
 *
 * The answer holds patient values (expected and actual): the endpoint stays operator-only and nothing of it is kept
 * by the page beyond the tab's DOM.
 */
FerryReview.view({
  id: 'sample',
  title: 'Sample diff',
  about: 'Every mapped field of a sample run read back from Freshsales and compared with what the confirmed map '
    + 'promises: equal, different or missing, per field across the sample, then each record where a field is not '
    + 'equal, expected and actual shown. This shows patient values: it needs ferry-operator (the loader\'s POST '
    + '/sample-diff allows no other role). Choose the promises file: the mapper\'s GET /runs/{run}/promised '
    + '(ferry-operator; ?map=N to compare with another confirmed map) saved as JSON.',
  async render(root, r) {
    const runId = r.el('input', { id: 'sample-run', type: 'text', size: '40', 'aria-label': 'sample run id' });
    const promises = r.el('input', { id: 'sample-promises', type: 'file', accept: '.json,application/json' });
    const result = r.el('div', { id: 'sample-result' });
    r.append(root,
      r.el('p', null, r.el('label', { for: 'sample-run' }, 'Sample run '), runId, ' ',
        r.el('label', { for: 'sample-promises' }, 'promised by the map (the mapper\'s /runs/{run}/promised) '),
        promises, ' ', r.button('Read back and compare', () => compare().catch(r.fail), { id: 'sample-compare' })),
      result);

    async function compare() {
      const id = runId.value.trim();
      if (!id) {
        throw new FerryReview.ReviewError('Name the sample run first.');
      }
      const file = promises.files && promises.files[0];
      if (!file) {
        throw new FerryReview.ReviewError('Choose the promises file of run ' + id + ': the mapper\'s GET /runs/'
          + encodeURIComponent(id) + '/promised saved as JSON.');
      }
      let promised;
      try {
        promised = JSON.parse(await file.text());
      } catch (e) {
        throw new FerryReview.ReviewError('The chosen file is not JSON.');
      }
      if (!promised || !Array.isArray(promised.records)) {
        throw new FerryReview.ReviewError('The chosen file holds no "records": it must be the mapper\'s answer to '
          + 'GET /runs/{run}/promised.');
      }
      if (promised.runId && promised.runId !== id) {
        // Field names and run ids only: never a value of the file.
        throw new FerryReview.ReviewError('The chosen file holds the promises of run ' + promised.runId + ', not of '
          + id + '.');
      }
      result.replaceChildren(r.el('p', { class: 'note' }, 'Reading ', promised.records.length,
        ' record(s) back from Freshsales…'));
      const diff = await r.api('POST', '/sample-diff', { json: { runId: id, records: promised.records },
        roles: 'ferry-operator' });
      if (r.alive()) {
        show(diff, promised);
      }
    }

    function show(diff, promised) {
      const records = diff.records || [];
      const fields = diff.fields || [];
      const notEqual = fields.filter(f => f.different > 0 || f.missing > 0);
      // Differences first (a value written wrong), then what is missing (a field the account lacks, mostly).
      const rows = [];
      for (const verdict of ['DIFFERENT', 'MISSING']) {
        for (const rec of records) {
          for (const f of rec.fields || []) {
            if (f.verdict === verdict) {
              rows.push({ rec, f });
            }
          }
        }
      }
      result.replaceChildren(
        r.el('h3', null, 'Sample ', diff.runId),
        r.facts([
          ['compared with', promised.mapVersion ? promised.mapVersion
            + (promised.runMapVersion && promised.runMapVersion !== promised.mapVersion
              ? ' (the run ran under ' + promised.runMapVersion + ')' : '') : null],
          ['records read back', records.length],
          ['records not found in Freshsales', records.filter(x => !x.found).length],
          ['fields equal everywhere', fields.length - notEqual.length],
          ['fields different somewhere', fields.filter(f => f.different > 0).length],
          ['fields missing somewhere', fields.filter(f => f.missing > 0).length]
        ], { id: 'sample-summary' }),
        r.el('h3', null, 'Per field'),
        r.table([
          { title: 'resource', value: f => f.resource },
          { title: 'field', value: f => f.field, cls: 'mono' },
          { title: 'equal', value: f => f.equal, cls: 'num' },
          { title: 'different', value: f => f.different, cls: f => 'num' + (f.different > 0 ? ' different' : '') },
          { title: 'missing', value: f => f.missing, cls: f => 'num' + (f.missing > 0 ? ' missing' : '') }
        ], fields, { id: 'sample-fields' }),
        r.el('h3', null, 'Records with a field not equal'),
        rows.length === 0 ? r.el('p', { class: 'ok', id: 'sample-all-equal' }, 'Every promised field is equal.')
          : r.table([
            { title: 'resource', value: x => x.rec.resource },
            { title: 'source id', value: x => x.rec.sourceId },
            { title: 'Freshsales', value: x => x.rec.found ? [x.rec.target, ' ', x.rec.freshsalesId] : 'not found' },
            { title: 'field', value: x => x.f.field, cls: 'mono' },
            { title: 'verdict', value: x => x.f.verdict, cls: x => x.f.verdict === 'DIFFERENT' ? 'different' : 'missing' },
            { title: 'expected', value: x => shown(x.f.expected) },
            { title: 'actual', value: x => shown(x.f.actual) }
          ], rows, { id: 'sample-records' }, 500));
    }

    /** A JSON value as text: strings as they are, anything else as JSON, absence said. */
    function shown(v) {
      if (v === null || v === undefined) {
        return '(none)';
      }
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
});
