// EUS Edge side monitor: live view, FREEZE, ROI drawing, clinical form, SCORE, result with nomogram, status bar.
// Plain browser JavaScript, no build step. All model arithmetic happens on the server.
'use strict';

const $ = (id) => document.getElementById(id);
const state = {
  model: null,          // GET /api/model
  frame: null,          // {frame_id, width, height}
  candidates: [],
  tool: 'polygon',
  roi: { points: [], closed: false },
  history: [],          // ROI states before each change, for Undo
  drag: null,           // {kind: 'freehand'} or {kind: 'vertex', index}
  diameterTouched: false,
  busy: false,
};

// Labels for the published method's variables; any other variable falls back to its name and meaning.
const LABELS = {
  age: { label: 'Age' },
  gender: { label: 'Sex', options: ['Female', 'Male'] },
  location: { label: 'Location', options: ['Head', 'Body / tail'] },
  diameter: { label: 'Max diameter' },
  shape_irregular: { label: 'Shape', options: ['Regular', 'Irregular'] },
  margin_unclear: { label: 'Margin', options: ['Clear', 'Unclear'] },
  hypoechoic: { label: 'Echo', options: ['Not hypo', 'Hypoechoic'] },
  uniform: { label: 'Uniformity', options: ['Non-uniform', 'Uniform'] },
  calcification: { label: 'Calcification', options: ['No', 'Yes'] },
  cystic: { label: 'Cystic areas', options: ['No', 'Yes'] },
};

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
  const res = await fetch(path, init);
  const json = await res.json().catch(() => ({ error: 'HTTP ' + res.status }));
  if (!res.ok) throw new Error(json.error || ('HTTP ' + res.status));
  return json;
}

function showError(message) {
  $('error').textContent = message || '';
  $('error').hidden = !message;
}

// ---------- start-up ----------

async function init() {
  try {
    state.model = await api('api/model');
  } catch (e) {
    showError('Cannot load the model description: ' + e.message);
    return;
  }
  $('banner').textContent = state.model.ui.banner;
  $('banner').hidden = !state.model.ui.banner;
  $('freeze').title = 'Space or ' + state.model.ui.freeze_key;
  buildForm();
  connectStatus();
}

// ---------- live / freeze ----------

async function freeze() {
  if (state.busy) return;
  state.busy = true;
  showError('');
  try {
    const f = await api('api/freeze', {});
    state.candidates = f.candidates;
    showFrame(f.frame_id, f.width, f.height);
    buildStrip();
    setMode('frozen');
  } catch (e) {
    showError(e.message);
  } finally {
    state.busy = false;
  }
}

function showFrame(id, width, height) {
  state.frame = { frame_id: id, width, height };
  resetRoi();
  const img = $('frozen');
  img.onload = layoutCanvas;
  img.src = 'api/frames/' + id + '.jpg';
  document.querySelectorAll('#strip button').forEach((b) => b.classList.toggle('selected', Number(b.dataset.id) === id));
}

function buildStrip() {
  const strip = $('strip');
  strip.innerHTML = '';
  for (const c of state.candidates) {
    const b = document.createElement('button');
    b.dataset.id = c.frame_id;
    b.innerHTML = '<img alt=""><span></span>';
    b.querySelector('img').src = 'api/frames/' + c.frame_id + '.jpg';
    b.querySelector('span').textContent = c.age_ms < 1 ? 'latest' : '-' + Math.round(c.age_ms) + ' ms';
    b.classList.toggle('selected', c.frame_id === state.frame.frame_id);
    b.onclick = () => showFrame(c.frame_id, state.frame.width, state.frame.height);
    strip.appendChild(b);
  }
}

function setMode(mode) {
  const frozen = mode === 'frozen';
  $('live').hidden = frozen;
  // reconnect the stream only while it is shown (no decoding of hidden video)
  $('live').src = frozen ? '' : 'live.mjpeg?t=' + Date.now();
  $('frozen').hidden = !frozen;
  $('roi-canvas').hidden = !frozen;
  $('strip').hidden = !frozen;
  $('tools').hidden = !frozen;
  $('clinical').hidden = !frozen;
  $('score').hidden = !frozen;
  $('freeze').hidden = frozen;
  $('golive').hidden = !frozen;
  $('stage-label').textContent = frozen ? 'FROZEN' : 'LIVE';
  $('stage-label').classList.toggle('frozen', frozen);
  if (!frozen) {
    $('result').hidden = true;
    $('roi-info').textContent = '';
    showError('');
  }
}

// ---------- ROI drawing ----------

function resetRoi() {
  if (state.heat && state.heat.on) showHeat(false);
  state.heat = null;
  state.roi = { points: [], closed: false };
  state.history = [];
  state.diameterTouched = false;
  $('result').hidden = true;
  $('roi-info').textContent = 'Tap around the lesion; tap the first point (or Close) to finish.';
  redraw();
  updateScoreButton();
}

function layoutCanvas() {
  // the image is letterboxed (object-fit: contain): the canvas covers exactly the picture
  const img = $('frozen');
  const canvas = $('roi-canvas');
  const stage = $('stage').getBoundingClientRect();
  const box = img.getBoundingClientRect();
  const scale = Math.min(box.width / img.naturalWidth, box.height / img.naturalHeight);
  const w = img.naturalWidth * scale, h = img.naturalHeight * scale;
  canvas.style.left = (box.left - stage.left + (box.width - w) / 2) + 'px';
  canvas.style.top = (box.top - stage.top + (box.height - h) / 2) + 'px';
  canvas.style.width = w + 'px';
  canvas.style.height = h + 'px';
  canvas.width = Math.round(w * devicePixelRatio);
  canvas.height = Math.round(h * devicePixelRatio);
  redraw();
}

function toImage(ev) {
  const r = $('roi-canvas').getBoundingClientRect();
  const x = (ev.clientX - r.left) / r.width * state.frame.width;
  const y = (ev.clientY - r.top) / r.height * state.frame.height;
  return [Math.min(Math.max(x, 0), state.frame.width), Math.min(Math.max(y, 0), state.frame.height)];
}

/** Distance in screen pixels between two image points (touch targets are sized on screen). */
function screenDistance(a, b) {
  const r = $('roi-canvas').getBoundingClientRect();
  const sx = r.width / state.frame.width;
  return Math.hypot((a[0] - b[0]) * sx, (a[1] - b[1]) * sx);
}

function remember() {
  state.history.push({ points: state.roi.points.map((p) => p.slice()), closed: state.roi.closed });
  if (state.history.length > 200) state.history.shift();
}

function onPointerDown(ev) {
  if (!state.frame) return;
  ev.preventDefault();
  const p = toImage(ev);
  const pts = state.roi.points;
  if (state.tool === 'edit') {
    let best = -1, bestD = 28;
    pts.forEach((q, i) => { const d = screenDistance(p, q); if (d < bestD) { best = i; bestD = d; } });
    if (best >= 0) {
      remember();
      state.drag = { kind: 'vertex', index: best };
      $('roi-canvas').setPointerCapture(ev.pointerId);
    }
    return;
  }
  if (state.tool === 'box') {
    state.drag = { kind: 'box', start: p, end: p };
    $('roi-canvas').setPointerCapture(ev.pointerId);
    return;
  }
  if (state.tool === 'freehand') {
    remember();
    state.roi = { points: [p], closed: false };
    state.drag = { kind: 'freehand' };
    $('roi-canvas').setPointerCapture(ev.pointerId);
    redraw();
    return;
  }
  // polygon: tap to add a vertex; tapping the first vertex closes the outline
  if (state.roi.closed) return;
  if (pts.length >= 3 && screenDistance(p, pts[0]) < 24) {
    closeRoi();
    return;
  }
  remember();
  pts.push(p);
  redraw();
  updateScoreButton();
}

function onPointerMove(ev) {
  if (!state.drag) return;
  ev.preventDefault();
  const p = toImage(ev);
  const pts = state.roi.points;
  if (state.drag.kind === 'box') {
    state.drag.end = p;
  } else if (state.drag.kind === 'vertex') {
    pts[state.drag.index] = p;
  } else if (screenDistance(p, pts[pts.length - 1]) >= 4) {
    pts.push(p);
  }
  redraw();
}

function onPointerUp() {
  if (!state.drag) return;
  const kind = state.drag.kind;
  const drag = state.drag;
  state.drag = null;
  if (kind === 'box') {
    assist(drag.start, drag.end);
    return;
  }
  if (kind === 'freehand') {
    if (state.roi.points.length >= 3) closeRoi();
    else { state.roi.points = []; redraw(); }
  } else if (state.roi.closed) {
    measure();
  }
}

async function assist(a, b) {
  redraw();
  const box = { x0: Math.min(a[0], b[0]), y0: Math.min(a[1], b[1]), x1: Math.max(a[0], b[0]), y1: Math.max(a[1], b[1]) };
  try {
    $('roi-info').textContent = 'Finding the outline…';
    const r = await api('api/roi/assist', { frame_id: state.frame.frame_id, box });
    remember();
    state.roi = { points: r.polygon, closed: true };
    redraw();
    updateScoreButton();
    await measure();
    $('roi-info').textContent += ' · proposed by the assist: check it (Edit to adjust)';
  } catch (e) {
    $('roi-info').textContent = '';
    showError(e.message);
  }
}

function closeRoi() {
  if (state.roi.points.length < 3) {
    $('roi-info').textContent = 'An outline needs at least 3 points.';
    return;
  }
  remember();
  state.roi.closed = true;
  redraw();
  measure();
  updateScoreButton();
}

function undo() {
  const prev = state.history.pop();
  if (!prev) return;
  state.roi = prev;
  redraw();
  updateScoreButton();
  if (state.roi.closed) measure();
}

function redraw() {
  const canvas = $('roi-canvas');
  const ctx = canvas.getContext('2d');
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  if (!state.frame) return;
  const pts = state.roi.points;
  const sx = canvas.width / state.frame.width, sy = canvas.height / state.frame.height;
  if (state.drag && state.drag.kind === 'box') {
    const a = state.drag.start, b = state.drag.end;
    ctx.setLineDash([8 * devicePixelRatio, 6 * devicePixelRatio]);
    ctx.lineWidth = 2 * devicePixelRatio;
    ctx.strokeStyle = '#2f81f7';
    ctx.strokeRect(a[0] * sx, a[1] * sy, (b[0] - a[0]) * sx, (b[1] - a[1]) * sy);
    ctx.setLineDash([]);
  }
  if (pts.length === 0) return;
  ctx.lineWidth = 3 * devicePixelRatio;
  ctx.strokeStyle = '#ffd33d';
  ctx.fillStyle = 'rgba(255, 211, 61, 0.15)';
  ctx.beginPath();
  pts.forEach((p, i) => (i ? ctx.lineTo(p[0] * sx, p[1] * sy) : ctx.moveTo(p[0] * sx, p[1] * sy)));
  if (state.roi.closed) { ctx.closePath(); ctx.fill(); }
  ctx.stroke();
  const showVertices = pts.length <= 60 || state.tool === 'edit';
  if (showVertices) {
    for (let i = 0; i < pts.length; i++) {
      ctx.beginPath();
      ctx.arc(pts[i][0] * sx, pts[i][1] * sy, (i === 0 ? 8 : 6) * devicePixelRatio, 0, 2 * Math.PI);
      ctx.fillStyle = i === 0 ? '#2f81f7' : '#ffd33d';
      ctx.fill();
    }
  }
}

function roiJson() {
  return { polygon: state.roi.points.map((p) => [Math.round(p[0] * 10) / 10, Math.round(p[1] * 10) / 10]) };
}

async function measure() {
  try {
    const m = await api('api/roi/measure', { frame_id: state.frame.frame_id, roi: roiJson() });
    let text = 'Outline: ' + state.roi.points.length + ' points, Feret ' + m.feret_diameter_px.toFixed(0) + ' px';
    if (m.feret_diameter_mm != null) {
      text += ' = ' + m.feret_diameter_mm.toFixed(1) + ' mm';
      const d = document.querySelector('#clinical input[name="diameter"]');
      if (d && !state.diameterTouched) d.value = m.feret_diameter_mm.toFixed(1);
    }
    $('roi-info').textContent = text;
    showError('');
  } catch (e) {
    $('roi-info').textContent = '';
    showError(e.message);
  }
}

// ---------- clinical form ----------

function buildForm() {
  const form = $('clinical');
  form.innerHTML = '';
  for (const v of state.model.variables) {
    const meta = LABELS[v.name] || {};
    const field = document.createElement('div');
    field.className = 'field';
    const label = document.createElement('label');
    label.textContent = (meta.label || v.name) + (v.unit ? ' (' + v.unit + ')' : '');
    label.title = v.meaning;
    field.appendChild(label);
    if (v.kind === 'binary') {
      const choice = document.createElement('div');
      choice.className = 'choice';
      choice.dataset.name = v.name;
      const names = meta.options || ['No', 'Yes: ' + v.meaning];
      names.forEach((text, value) => {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = text;
        b.dataset.value = value;
        b.onclick = () => {
          choice.querySelectorAll('button').forEach((o) => o.classList.toggle('on', o === b));
          updateScoreButton();
        };
        choice.appendChild(b);
      });
      field.appendChild(choice);
    } else {
      const input = document.createElement('input');
      input.type = 'number';
      input.name = v.name;
      input.inputMode = 'decimal';
      input.min = v.min;
      input.max = v.max;
      input.step = 'any';
      input.placeholder = v.min + '–' + v.max;
      input.oninput = () => {
        if (v.name === 'diameter') state.diameterTouched = true;
        updateScoreButton();
      };
      field.appendChild(input);
    }
    form.appendChild(field);
  }
}

function clinicalValues() {
  const out = {};
  for (const v of state.model.variables) {
    if (v.kind === 'binary') {
      const on = document.querySelector('#clinical .choice[data-name="' + v.name + '"] button.on');
      out[v.name] = on ? Number(on.dataset.value) : null;
    } else {
      const s = document.querySelector('#clinical input[name="' + v.name + '"]').value;
      out[v.name] = s === '' ? null : Number(s);
    }
  }
  return out;
}

function updateScoreButton() {
  const values = state.model ? clinicalValues() : {};
  const missing = Object.keys(values).filter((k) => values[k] === null);
  $('score').disabled = !state.roi.closed || missing.length > 0;
  $('score').title = !state.roi.closed ? 'Outline the lesion first'
    : missing.length ? 'Missing: ' + missing.join(', ') : '';
}

// ---------- score and result ----------

async function score() {
  if (state.busy) return;
  state.busy = true;
  showError('');
  $('score').disabled = true;
  try {
    const r = await api('api/score', { frame_id: state.frame.frame_id, roi: roiJson(), clinical: clinicalValues() });
    showResult(r);
    api('api/status').then(showStatus).catch(() => {}); // the room-system count moves now, not at the next tick
  } catch (e) {
    showError(e.message);
  } finally {
    state.busy = false;
    updateScoreButton();
  }
}

function showResult(r) {
  const positive = r.decision === r.positive_class;
  const cls = positive ? 'positive' : 'negative';
  $('probability').innerHTML = '<small>probability of ' + esc(r.positive_class) + '</small><span id="prob-value">' + (100 * r.probability).toFixed(1) + ' %</span>';
  $('probability').className = cls;
  $('decision').innerHTML = esc(r.decision) + '<small>threshold ' + (100 * r.threshold).toFixed(0) + ' %</small>';
  $('decision').className = cls;
  const rows = [];
  if (r.dl_signature !== null && r.dl_signature !== undefined && !Number.isNaN(r.dl_signature)) {
    rows.push(['DL signature', r.dl_signature.toFixed(3)]);
  }
  rows.push(['Clinical signature', r.clinical_signature.toFixed(3)]);
  rows.push(['Total points', r.total_points.toFixed(1)]);
  $('signatures').innerHTML = rows.map((x) => '<tr><td>' + x[0] + '</td><td>' + x[1] + '</td></tr>').join('');
  drawNomogram(r);
  showExplanation(r);
  $('result-meta').textContent = 'scoring ' + r.scoring_id.slice(0, 8) + ' · ' + r.model_id + ' · '
    + r.execution_provider + ' · ' + r.timings_ms.total.toFixed(0) + ' ms'
    + (r.room_system_error ? ' · NOT SENT to room system: ' + r.room_system_error : '');
  $('result').hidden = false;
  $('result').scrollIntoView({ block: 'nearest' });
}

/** Grad-CAM over the frozen frame (rendered by the appliance) and the top SHAP contributions as signed bars. */
function showExplanation(r) {
  const ex = r.explanation;
  $('explain').hidden = !(ex && ex.grad_cam);
  $('shap').innerHTML = '';
  if (!ex) return;
  if (ex.grad_cam) {
    // the heat map replaces the frozen picture on the stage (same size: the outline stays on top of it)
    state.heat = { on: true, src: 'api/scorings/' + encodeURIComponent(r.scoring_id) + '/gradcam.png' };
    $('gradcam-caption').textContent = (ex.grad_cam.method === 'grad-cam' ? 'Grad-CAM' : 'Occlusion map')
      + ' on the frame: where the image pushed towards ' + ex.grad_cam.target_class;
    showHeat(true);
  }
  const groups = [];
  if (ex.deep_signature) groups.push(['DL signature: top features', ex.deep_signature]);
  if (ex.nomogram) groups.push(['Nomogram: the two signatures', ex.nomogram]);
  $('shap').innerHTML = groups.map(([title, shap]) => shapGroup(title, shap, r.positive_class)).join('');
}

function showHeat(on) {
  if (!state.heat) return;
  state.heat.on = on;
  $('frozen').src = on ? state.heat.src : 'api/frames/' + state.frame.frame_id + '.jpg';
  $('heat-toggle').textContent = on ? 'Hide heat map' : 'Show heat map';
  $('stage-label').textContent = on ? 'FROZEN · HEAT MAP' : 'FROZEN';
}

function shapGroup(title, shap, positiveClass) {
  const rows = shap.top.slice();
  if (shap.features > rows.length && Math.abs(shap.others) > 0) {
    rows.push({ feature: (shap.features - shap.top.length) + ' others', value: null, shap: shap.others });
  }
  const max = Math.max(1e-12, ...rows.map((c) => Math.abs(c.shap)));
  const bars = rows.map((c) => {
    const w = (50 * Math.abs(c.shap) / max).toFixed(1);
    const side = c.shap >= 0 ? 'left:50%' : 'right:50%';
    return '<div class="shap-row"><span class="shap-name" title="' + esc(c.feature) + '">' + esc(c.feature)
      + (c.value === null ? '' : ' = ' + fmt(c.value)) + '</span><span class="shap-bar">'
      + '<span class="' + (c.shap >= 0 ? 'up' : 'down') + '" style="' + side + ';width:' + w + '%"></span></span>'
      + '<span class="shap-value">' + (c.shap >= 0 ? '+' : '') + c.shap.toFixed(3) + '</span></div>';
  }).join('');
  return '<div class="shap-group"><h4>' + esc(title) + '<small> base ' + shap.base.toFixed(3) + ' → '
    + shap.output.toFixed(3) + ' · right: towards ' + esc(positiveClass) + '</small></h4>' + bars + '</div>';
}

/** rms-style nomogram: points ruler, one axis per predictor, total points, probability; the patient marked. */
function drawNomogram(r) {
  const n = state.model.nomogram;
  const svg = $('nomogram');
  const L = 170, R = 680, W = R - L;
  const rowH = 58;
  const xPts = (p) => L + W * p / 100;
  const xTot = (t) => L + W * t / n.max_total_points;
  const parts = [];
  const axisRow = (y, name, ticks) => {
    parts.push('<text x="10" y="' + (y + 5) + '">' + esc(name) + '</text>');
    if (ticks.length) {
      const xs = ticks.map((t) => t.x);
      parts.push('<line class="axis" x1="' + Math.min(...xs) + '" x2="' + Math.max(...xs) + '" y1="' + y + '" y2="' + y + '"/>');
    }
    for (const t of ticks) {
      parts.push('<line class="axis" x1="' + t.x + '" x2="' + t.x + '" y1="' + (y - 6) + '" y2="' + y + '"/>');
      parts.push('<text x="' + t.x + '" y="' + (y + 24) + '" text-anchor="middle">' + esc(t.label) + '</text>');
    }
  };
  const mark = (x, y) => parts.push('<circle class="mark" cx="' + x + '" cy="' + y + '" r="8"/>');
  let y = 30;
  axisRow(y, 'Points', [0, 20, 40, 60, 80, 100].map((p) => ({ x: xPts(p), label: String(p) })));
  y += rowH;
  for (const a of n.predictors) {
    axisRow(y, a.name, spaced(a.ticks.map((t) => ({ x: xPts(t.points), label: fmt(t.value) })), 40));
    const pts = r.nomogram_points[a.name];
    if (pts !== undefined) {
      parts.push('<line class="guide" x1="' + xPts(pts) + '" x2="' + xPts(pts) + '" y1="' + (30) + '" y2="' + y + '"/>');
      mark(xPts(pts), y);
    }
    y += rowH;
  }
  const totalTicks = prettyTicks(n.max_total_points).map((t) => ({ x: xTot(t), label: String(t) }));
  axisRow(y, 'Total points', totalTicks);
  const tx = xTot(Math.min(Math.max(r.total_points, 0), n.max_total_points));
  parts.push('<line class="guide" x1="' + tx + '" x2="' + tx + '" y1="' + y + '" y2="' + (y + rowH) + '"/>');
  mark(tx, y);
  y += rowH;
  axisRow(y, 'P(' + r.positive_class + ')', spaced(n.probability_ticks.map((t) => ({ x: xTot(t.total_points), label: fmt(t.probability) })), 46));
  mark(tx, y);
  svg.setAttribute('viewBox', '0 0 700 ' + (y + 34));
  svg.innerHTML = parts.join('');
}

/** Drops ticks closer than minGap to the last kept one (probability ticks crowd where the curve is steep). */
function spaced(ticks, minGap) {
  const out = [];
  for (const t of ticks) if (!out.length || t.x - out[out.length - 1].x >= minGap) out.push(t);
  return out;
}

function prettyTicks(max) {
  const raw = max / 5;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw);
  const out = [];
  for (let t = 0; t <= max + 1e-9; t += step) out.push(Math.round(t * 1e6) / 1e6);
  return out;
}

function fmt(v) {
  return Math.abs(v) >= 10 ? v.toFixed(0) : String(Math.round(v * 100) / 100);
}

function esc(s) {
  return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

// ---------- status bar ----------

function connectStatus() {
  const es = new EventSource('api/status/stream');
  es.onmessage = (ev) => showStatus(JSON.parse(ev.data));
  es.onerror = () => {
    $('st-source').textContent = 'appliance: not reachable';
    $('st-source').className = 'bad';
  };
}

function showStatus(s) {
  const running = s.source.state === 'RUNNING';
  $('st-source').textContent = 'source: ' + s.source.state + ' · ' + s.source.fps.toFixed(1) + ' fps'
    + (s.source.detail ? ' · ' + s.source.detail : '');
  $('st-source').className = running ? 'ok' : 'bad';
  $('st-model').textContent = 'model: ' + s.model_id;
  $('st-provider').textContent = 'provider: ' + s.execution_provider;
  $('st-room').textContent = 'room system: ' + s.room_system;
  if (s.context && s.context.procedure_id && s.context.procedure_id !== state.contextId) prefill(s.context);
}

/** The room system's procedure context pre-fills age and sex once per procedure; what the operator typed stays. */
function prefill(c) {
  state.contextId = c.procedure_id;
  $('st-context').textContent = 'procedure ' + c.procedure_id;
  const age = document.querySelector('#clinical input[name="age"]');
  if (age && age.value === '' && c.age !== null) age.value = c.age;
  const sex = document.querySelector('#clinical .choice[data-name="gender"]');
  if (sex && c.sex && !sex.querySelector('button.on')) {
    const male = /^m/i.test(c.sex) ? 1 : /^f/i.test(c.sex) ? 0 : null;
    if (male !== null) sex.querySelectorAll('button').forEach((b) => b.classList.toggle('on', Number(b.dataset.value) === male));
  }
  updateScoreButton();
}

// ---------- wiring ----------

$('freeze').onclick = freeze;
$('golive').onclick = () => setMode('live');
$('score').onclick = score;
$('heat-toggle').onclick = () => showHeat(!state.heat.on);
$('undo').onclick = undo;
$('clear').onclick = () => { remember(); state.roi = { points: [], closed: false }; redraw(); updateScoreButton(); };
$('close-roi').onclick = closeRoi;
document.querySelectorAll('button.tool').forEach((b) => {
  b.onclick = () => {
    state.tool = b.dataset.tool;
    document.querySelectorAll('button.tool').forEach((o) => o.classList.toggle('active', o === b));
    redraw();
  };
});
const canvas = $('roi-canvas');
canvas.addEventListener('pointerdown', onPointerDown);
canvas.addEventListener('pointermove', onPointerMove);
canvas.addEventListener('pointerup', onPointerUp);
canvas.addEventListener('pointercancel', onPointerUp);
window.addEventListener('resize', () => { if (!$('frozen').hidden) layoutCanvas(); });
document.addEventListener('keydown', (ev) => {
  const typing = ev.target.tagName === 'INPUT';
  const freezeKey = state.model && ev.key === state.model.ui.freeze_key;
  if ((ev.key === ' ' && !typing) || freezeKey) {
    ev.preventDefault();
    if ($('live').hidden) setMode('live'); else freeze();
  } else if (ev.key === 'Enter' && !typing && !$('frozen').hidden) {
    closeRoi();
  } else if ((ev.key === 'z' && (ev.ctrlKey || ev.metaKey)) || (ev.key === 'Backspace' && !typing)) {
    ev.preventDefault();
    undo();
  }
});
init();
