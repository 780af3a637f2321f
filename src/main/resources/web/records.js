// Records view: the audit's recent scorings, and the final pathology entered for each (POST /api/audit/{id}/pathology).
'use strict';

const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));

function showError(message) {
  const e = document.getElementById('error');
  e.textContent = message || '';
  e.hidden = !message;
}

async function load() {
  const res = await fetch('api/audit/recent');
  const rows = await res.json();
  if (!res.ok) { showError(rows.error || 'HTTP ' + res.status); return; }
  document.querySelector('#records tbody').innerHTML = rows.map((r) => '<tr data-id="' + esc(r.scoring_id) + '">'
    + '<td>' + esc(r.time.replace('T', ' ').slice(0, 19)) + '</td><td>' + esc(r.scoring_id.slice(0, 8)) + '</td>'
    + '<td>' + (100 * r.probability).toFixed(1) + ' %</td><td>' + esc(r.decision) + '</td>'
    + '<td><input value="' + esc(r.pathology || '') + '" placeholder="e.g. PNET"></td>'
    + '<td><button>Save</button></td></tr>').join('');
  document.querySelectorAll('#records tbody tr').forEach((tr) => {
    tr.querySelector('button').onclick = async () => {
      const res = await fetch('api/audit/' + encodeURIComponent(tr.dataset.id) + '/pathology', {
        method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ pathology: tr.querySelector('input').value }) });
      const body = await res.json();
      showError(res.ok ? '' : body.error);
      if (res.ok) load();
    };
  });
}
load();
