// Renders the route list from the OpenAPI document.
'use strict';
(async () => {
  const esc = (v) => String(v ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const doc = await (await fetch('/docs/openapi.json')).json();
  document.querySelector('#intro').textContent = doc.info.description;
  const rows = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const roles = /Roles: ([^.]*)\./.exec(op.description || '');
      rows.push(`<tr><td>${esc(method.toUpperCase())}</td><td class="mono">${esc(path)}</td><td>${esc(op.summary)}</td><td>${esc(roles ? roles[1] : '')}</td></tr>`);
    }
  }
  document.querySelector('#routes tbody').innerHTML = rows.join('');
})();
