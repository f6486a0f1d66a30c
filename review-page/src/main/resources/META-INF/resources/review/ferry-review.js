/*
 * Ferry review page, the shared part (issue 11). Each service serves this file under /review/ beside its own
 * index.html and view scripts; a view registers itself with FerryReview.view({...}) and reads the service's JSON
 * through ctx.api, on the page's own origin.
 *
 * Why it is written this way:
 * - The static files hold no data. Every read is an authorised fetch, so the service's @RolesAllowed decides what the
 *   page may show: a token without ferry-auditor gets a 403 for a discovery report, and the page says so.
 * - The token lives in sessionStorage (gone with the tab), travels only in the Authorization header, never in a URL
 *   (the hash names a view, nothing else), and is never written to the console.
 * - Every value is put into the page as text (createTextNode, textContent, setAttribute); nothing here assigns
 *   innerHTML, so a field name or reason such as "<script>" stays text. The CSP of /review/* forbids inline scripts.
 */
(function () {
  'use strict';

  const TOKEN_KEY = 'ferry.review.token';
  const views = [];
  let generation = 0;

  /** An element with attributes and children; strings and numbers become text nodes, never markup. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) {
        continue;
      }
      if (typeof v === 'function') {
        if (!k.startsWith('on')) {
          throw new Error('only on* attributes take functions: ' + k);
        }
        e.addEventListener(k.slice(2), v);
      } else if (k.startsWith('on') || k === 'href' || k === 'src' || k === 'style') {
        // Event handlers, links and styles from data would bypass the text-only rule: not supported on purpose.
        throw new Error('attribute not allowed from a view: ' + k);
      } else {
        e.setAttribute(k, String(v));
      }
    }
    append(e, ...children);
    return e;
  }

  /** Appends children (nested arrays flattened); strings and numbers as text nodes. */
  function append(parent, ...children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) {
        continue;
      }
      parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return parent;
  }

  /**
   * A table: columns are {title, value: row => string | number | Node | array, cls}. Rows past `limit` are counted,
   * not drawn (a rollback of a large run lists thousands).
   */
  function table(columns, rows, attrs, limit) {
    const max = limit || 1000;
    const body = el('tbody', null, rows.slice(0, max).map(row => el('tr', null,
      columns.map(c => el('td', { class: typeof c.cls === 'function' ? c.cls(row) : c.cls }, c.value(row))))));
    const t = el('table', attrs || null,
      el('thead', null, el('tr', null, columns.map(c => el('th', null, c.title)))), body);
    if (rows.length <= max) {
      return t;
    }
    return el('div', null, t, el('p', { class: 'note' }, 'First ' + max + ' of ' + rows.length + ' rows shown.'));
  }

  /** A definition list from [label, value] pairs. */
  function facts(pairs, attrs) {
    return el('dl', attrs || null, pairs.filter(p => p[1] !== null && p[1] !== undefined)
      .map(([k, v]) => [el('dt', null, k), el('dd', null, v)]));
  }

  function button(label, onClick, attrs) {
    return el('button', Object.assign({ type: 'button' }, attrs || {}, { onclick: onClick }), label);
  }

  /** An error a person can act on; `message` is safe text (never the token, never a response's data). */
  class ReviewError extends Error {
  }

  async function describe(response, roles) {
    switch (response.status) {
      case 401:
        return 'The service refused the token (401): it is missing, expired, from another issuer or not signed by '
          + 'the key the service trusts.';
      case 403:
        return 'This token lacks the role this needs (403)' + (roles ? ': ' + roles : '') + '.';
      default: {
        let detail = '';
        try {
          const body = await response.json();
          detail = [body.error || body.message || body.title, ...(Array.isArray(body.problems) ? body.problems : [])]
            .filter(Boolean).join('\n');
        } catch (ignored) {
          // not JSON: the status says enough
        }
        return 'The service answered ' + response.status + (detail ? ': ' + detail.slice(0, 2000) : '.');
      }
    }
  }

  /**
   * Calls this service: `path` starts with "/". Options: json (a body sent as JSON), accept (default JSON; any other
   * type answers text), roles (named in the 403 message).
   */
  async function api(method, path, options) {
    const o = options || {};
    const token = sessionStorage.getItem(TOKEN_KEY);
    if (!token) {
      throw new ReviewError('Paste a bearer token above first.');
    }
    const headers = { Authorization: 'Bearer ' + token, Accept: o.accept || 'application/json' };
    let body;
    if (o.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    const response = await fetch(path, {
      method, headers, body, credentials: 'omit', cache: 'no-store', redirect: 'error', referrerPolicy: 'no-referrer'
    });
    if (!response.ok) {
      throw new ReviewError(await describe(response, o.roles));
    }
    if (response.status === 204) {
      return null;
    }
    return (o.accept && !o.accept.includes('json')) ? response.text() : response.json();
  }

  /** The token's roles and expiry, read (not verified: the service verifies) so the operator sees which token is in. */
  function tokenFacts(token) {
    try {
      const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      const claims = JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
      const groups = Array.isArray(claims.groups) ? claims.groups.join(', ') : 'none';
      const exp = typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toISOString() : 'never';
      return 'Token in use: roles ' + groups + '; expires ' + exp + '.';
    } catch (e) {
      return 'Token in use (not a JWT this page can read; the service decides).';
    }
  }

  /** Registers a view: {id, title, about, render(root, ctx)}; ctx.alive() turns false once another view is drawn. */
  function view(definition) {
    views.push(definition);
  }

  function start() {
    const mount = document.getElementById('ferry-review');
    const service = document.body.getAttribute('data-service') || 'service';
    const input = el('input', { type: 'password', id: 'token', autocomplete: 'off', spellcheck: 'false',
      placeholder: 'eyJ...', 'aria-label': 'bearer token' });
    const state = el('p', { id: 'token-state', class: 'note' });
    const nav = el('nav', { id: 'views' });
    const main = el('main', { id: 'view' });
    const form = el('form', { id: 'token-form' },
      el('label', { for: 'token' }, 'Bearer token'), input,
      el('button', { type: 'submit', id: 'token-use' }, 'Use token'),
      button('Forget token', () => { sessionStorage.removeItem(TOKEN_KEY); show(); }, { id: 'token-forget' }));
    form.addEventListener('submit', event => {
      event.preventDefault();
      const token = input.value.trim();
      input.value = '';
      if (token) {
        sessionStorage.setItem(TOKEN_KEY, token);
      }
      show();
    });
    append(mount, el('header', null, el('h1', null, 'Ferry review · ', service), form, state), nav, main);
    for (const v of views) {
      nav.append(el('a', { id: 'nav-' + v.id, class: 'view-link' }, v.title));
      nav.lastChild.setAttribute('href', '#' + encodeURIComponent(v.id));
    }
    window.addEventListener('hashchange', show);
    show();

    function show() {
      const token = sessionStorage.getItem(TOKEN_KEY);
      state.textContent = token ? tokenFacts(token) : 'No token yet: paste one (it stays in this tab only).';
      const wanted = decodeURIComponent(location.hash.slice(1));
      const current = views.find(v => v.id === wanted) || views[0];
      const mine = ++generation;
      for (const a of nav.children) {
        a.classList.toggle('current', a.id === 'nav-' + current.id);
      }
      const root = el('section', { id: 'view-' + current.id });
      main.replaceChildren(el('h2', null, current.title), current.about ? el('p', { class: 'about' }, current.about) : null,
        root);
      if (!token) {
        return;
      }
      const ctx = { api, el, append, table, facts, button, alive: () => mine === generation, fail: error => failure(root, error) };
      Promise.resolve().then(() => current.render(root, ctx)).catch(error => failure(root, error));
    }
  }

  /** Shows an error in the view; an unexpected one by its kind only, since its text could quote data. */
  function failure(root, error) {
    const text = error instanceof ReviewError ? error.message
      : 'The page could not show this (' + (error && error.name ? error.name : 'error') + ').';
    root.prepend(el('p', { class: 'error', role: 'alert' }, text));
  }

  window.FerryReview = { view, ReviewError };
  document.addEventListener('DOMContentLoaded', start);
})();
