// network_view.js: the live network view's drawing code (joined after nn.js; see ui/live_network.py).
//
// Draws the whole network for one input as figures/network.py does (the input as its 28x28
// image, neurons shaded by activation, edges coloured by weight in the palette, the selected
// neuron, the layer-by-layer flow) and recomputes the forward pass itself while a slider moves:
// no Streamlit rerun until the drag ends. Then the change goes back to Python once (trigger
// "release"), where nn_core recomputes and every other page sees the same state.
//
// Python sends the big arrays (weights, test digits) once per tab; they stay in NN.store.
// Everything else in `data` is small: the edits, the input, the layer, the step, the colours.

const SVG_FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

/** Set a style property only when it changes: every change costs the browser a style recalculation. */
function style(node, property, value) {
  const memo = node.__style || (node.__style = {});
  if (memo[property] === value) return;
  memo[property] = value;
  node.style[property] = value;
}

/** Rebuild ``node``'s children with ``build`` only when ``signature`` differs from last time. */
function rebuilt(node, signature, build) {
  if (node.__signature === signature) return;
  node.__signature = signature;
  node.replaceChildren();
  build();
}

// -- the state of one mounted view -------------------------------------------------------------

function create_view(root) {
  const view = {
    root, frame: 0, pending: [], release_id: 0, acknowledged: -1, data: null, trained: null,
    net: null, activations: null, step: null, playing: null, scorer: null, score: null,
    score_ms: 0, stats: { frames: 0, frame_ms: [], scores: 0, releases: 0, parts: {} },
  };
  const box = el("div", "nv", root);
  view.box = box;
  view.controls = el("div", "nv-controls", box);
  const main = el("div", "nv-main", box);
  view.head = el("div", "nv-head", main);
  view.digit = el("canvas", "nv-digit", view.head);
  view.digit.width = view.digit.height = 28;
  view.verdict = el("p", "nv-verdict", view.head);
  view.flow = el("div", "nv-flow", main);
  view.canvas = el("canvas", "nv-figure", main);
  view.canvas.setAttribute("role", "img");
  view.tip = el("div", "nv-tip", main);
  view.legend = el("div", "nv-legend", main);
  view.bars = el("div", "nv-bars", main);
  view.weights = el("div", "nv-weights", box);
  view.accuracy = el("div", "nv-accuracy", box);
  view.canvas.addEventListener("pointermove", (e) => hover(view, e));
  view.canvas.addEventListener("pointerleave", () => { view.tip.style.display = "none"; });
  view.canvas.addEventListener("click", (e) => click(view, e));
  view.resize = new ResizeObserver(() => schedule(view));
  view.resize.observe(main);
  window.__nnLiveView = view;  // for browser tests and the benchmark
  view.probe = { draw, draw_network, draw_bars, draw_legend, draw_accuracy, update_slider_labels, draw_verdict, recompute, rescore };
  return view;
}

// -- data from Python --------------------------------------------------------------------------

function receive(view, data, setTriggerValue) {
  view.data = data;
  view.send = setTriggerValue;
  const missing = [];
  if (data.network) NN.store.set(data.model, { net: NN.network_from(data.network), layout: data.network.layout, raw: data.network });
  if (data.test_set) NN.store.set(data.test, { images: NN.bytes_of(data.test_set.images), labels: NN.bytes_of(data.test_set.labels) });
  const model = NN.store.get(data.model);
  if (!model) missing.push(data.model);
  if (data.test && !NN.store.get(data.test)) missing.push(data.test);
  if (missing.length) {
    // a reload or a new page lost the cache: ask Python to send them again (one rerun)
    text(view.verdict, "Loading the network…");
    setTriggerValue("missing", missing);
    return false;
  }
  if (view.trained !== model.net) {
    view.trained = model.net;
    view.layout = model.layout;
    view.scale99 = model.net.W.map(percentile99);
  }
  const tests = data.test ? NN.store.get(data.test) : null;
  if (tests && data.panels.accuracy && view.scoring !== `${data.model}|${data.test}`) {
    view.scoring = `${data.model}|${data.test}`;
    if (!view.worker) view.worker = score_worker((result) => scored(view, result));
    view.worker.load(model.raw, tests.images, tests.labels);
    view.score = null;
  }
  if (data.applied !== undefined) view.pending = view.pending.filter((c) => c.id > data.applied);
  view.input = NN.float32(data.input);
  view.trained_output = NN.forward(view.trained, view.input).at(-1);
  if (!view.playing) view.step = data.step;
  build_controls(view);
  recompute(view, true);
  // get the worker's caches ready for the next drag of this layer, once the page has settled
  clearTimeout(view.warming);
  if (data.panels.accuracy) view.warming = setTimeout(() => rescore(view, true), 1000);
  return true;
}

function percentile99(W) {
  const sorted = Float64Array.from(W, Math.abs).sort();
  const at = sorted[Math.min(sorted.length - 1, Math.floor(0.99 * (sorted.length - 1)))];
  return at || sorted[sorted.length - 1] || 1;
}

// -- edits: Python's, then this tab's changes not yet acknowledged -------------------------

function current_edits(view) {
  const biases = new Map(), weights = new Map();
  for (const [l, j, b] of view.data.edits.biases) biases.set(`${l}:${j}`, [l, j, b]);
  for (const [l, j, s, o] of view.data.edits.weights) weights.set(`${l}:${j}`, [l, j, s, o.slice()]);
  for (const change of view.pending) apply_change(biases, weights, change);
  if (view.dragging) apply_change(biases, weights, view.dragging);
  return { biases: [...biases.values()], weights: [...weights.values()] };
}

function apply_change(biases, weights, c) {
  const key = `${c.layer}:${c.neuron}`;
  if (c.kind === "bias") { biases.set(key, [c.layer, c.neuron, c.value]); return; }
  const [, , scale, overrides] = weights.get(key) || [c.layer, c.neuron, 1, []];
  if (c.kind === "scale") weights.set(key, [c.layer, c.neuron, c.value, overrides]);
  if (c.kind === "weight") {
    weights.set(key, [c.layer, c.neuron, scale, overrides.filter(([i]) => i !== c.source).concat([[c.source, c.value]])]);
  }
}

function changed_neurons(view, edits) {
  const marks = new Set();
  const trained = view.trained;
  for (const [l, j, b] of edits.biases) if (Math.fround(b) !== trained.b[l - 1][j]) marks.add(`${l}:${j}`);
  for (const [l, j, s, o] of edits.weights) if (s !== 1 || o.length) marks.add(`${l}:${j}`);
  return [...marks].map((k) => k.split(":").map(Number));
}

// -- the forward pass and the scores ---------------------------------------------------------

function recompute(view, from_python) {
  const edits = current_edits(view);
  view.edits = edits;
  view.net = NN.edited(view.trained, edits);
  view.activations = NN.forward(view.net, view.input);
  view.changed = changed_neurons(view, edits);
  schedule(view);
  if (from_python) view.dirty_controls = true;
}

function schedule(view) {
  if (view.frame) return;
  view.frame = requestAnimationFrame(() => { view.frame = 0; draw(view); });
}

/** The layer whose change the current drag makes (scores reuse everything below it). */
function edited_layer(view) {
  const change = view.dragging || view.pending[view.pending.length - 1];
  return change ? change.layer : (view.data.controls ? view.data.controls.layer : 1);
}

/** Ask the worker for the test accuracy of the network as it is now (only while a change is not yet back from Python). */
function rescore(view, warm = false) {
  if (!view.worker || !view.data.panels.accuracy) return;
  if (!warm && !view.dragging && !view.pending.length) return;
  const layer = edited_layer(view);
  const below = JSON.stringify(view.edits.biases.filter(([l]) => l < layer)) +
                JSON.stringify(view.edits.weights.filter(([l]) => l < layer));
  const row = view.dragging && view.dragging.kind !== "bias" ? view.dragging.neuron : -1;
  const weights_key = JSON.stringify(view.edits.weights.filter(([l, j]) => l === layer && j !== row)) + `|${row}`;
  const key = JSON.stringify([view.edits, layer]);
  if (key === view.asked) return;   // this very network is already being scored
  view.asked = key;
  view.worker.request({ edits: view.edits, layer, below, weights_key, row });
}

function scored(view, result) {
  view.score = result;
  view.score_ms = result.ms;
  view.stats.scores++;
  if (view.data && view.data.panels.accuracy) draw_accuracy(view);
}

// -- drawing ---------------------------------------------------------------------------------

function draw(view) {
  if (!view.data || !view.activations) return;
  const start = performance.now(), parts = view.stats.parts;
  const timed = (name, work) => { const t = performance.now(); work(); parts[name] = (parts[name] || 0) + performance.now() - t; };
  if (view.dirty_controls) { sync_controls(view); view.dirty_controls = false; }
  timed("words", () => { draw_digit(view); draw_verdict(view); });
  timed("network", () => draw_network(view));
  timed("legend", () => draw_legend(view));
  if (view.data.panels.outputs) timed("bars", () => draw_bars(view));
  timed("score", () => rescore(view));
  if (view.data.panels.accuracy) timed("accuracy", () => draw_accuracy(view));
  timed("sliders", () => update_slider_labels(view));
  const ms = performance.now() - start;
  view.stats.frames++;
  view.stats.frame_ms.push(ms);
  if (view.stats.frame_ms.length > 600) view.stats.frame_ms.shift();
}

function draw_digit(view) {
  const ctx = view.digit.getContext("2d");
  const image = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const g = Math.round(255 * Math.min(1, Math.max(0, view.input[i])));
    image.data.set([g, g, g, 255], 4 * i);
  }
  ctx.putImageData(image, 0, 0);
}

function draw_verdict(view) {
  const d = view.data, output = view.activations[view.activations.length - 1];
  const answer = NN.argmax(output);
  const trained = NN.argmax(view.trained_output);
  const verdict = !d.panels.bias ? "" : answer === trained ? " (the same as trained)" : ` (trained, it said ${trained})`;
  const words = view.verdict;
  rebuilt(words, JSON.stringify([d.texts.digit, answer, verdict]), () => {
    text(el("strong", "", words), d.texts.digit);
    words.append(`: the network ${d.panels.bias ? "now " : ""}answers `);
    text(el("strong", "nv-answer", words), String(answer));
    words.append(verdict + ".");
  });
  view.answer = answer;
}

/** The vertical gap between two neighbours of a layer, in layout units. */
function layer_gap(spot) {
  const ys = [...new Set(spot.y)].sort((a, b) => a - b);
  let gap = Infinity;
  for (let k = 1; k < ys.length; k++) gap = Math.min(gap, ys[k] - ys[k - 1]);
  return Number.isFinite(gap) ? gap : 1;
}

/** The smallest gap between labelled neurons (columns; a large layer's grid of squares has no labels). */
function node_gap(layout) {
  const columns = layout.layers.filter((spot) => !spot.square);
  return Math.min(...(columns.length ? columns : layout.layers).map(layer_gap));
}

/**
 * Where things go on the canvas. x follows the layout's units across the width; y as well, unless
 * the neurons would then sit closer than a label needs (a phone, a projector's large text): then
 * the picture grows taller instead, so labels never print over each other. The layer headings
 * get the lines they need on top, wrapped to the room between columns.
 */
function figure_size(view) {
  const layout = view.layout, large = !!view.data.large_text;
  const width = Math.max(260, view.canvas.parentElement.clientWidth);
  const [x0, x1] = layout.view;
  const bottom = 0.1, top = 4.5;                      // the neurons and the image lie within these (units)
  const sx = width / (x1 - x0);
  const label = large ? 17 : 13;                       // px: a digit's label beside its output neuron
  const heading = Math.max(12, large ? 16 : 13);
  const ctx = view.canvas.getContext("2d");
  ctx.font = `${heading}px ${SVG_FONT}`;
  const room = (k) => (k === 0 ? (layout.image[1] - layout.image[0]) * sx : Math.max(40, gap_between(layout, sx) - 8));
  const lines = Math.max(...view.data.texts.headings.map((words, k) => wrapped(ctx, words, room(k)).length));
  const line = heading * 1.25, head = 6 + lines * line;
  const spaced = (label + 3) / node_gap(layout);      // the least that keeps labels apart
  let sy = Math.max(sx, spaced);
  // the whole picture on one screen (the presenter layout, the home page's picture): flatter, never cramped
  if (view.data.fit_screen) sy = Math.max(spaced, Math.min(sy, (0.7 * window.innerHeight - head - 6) / (top - bottom)));
  const height = Math.round(head + (top - bottom) * sy + 6);
  return { width, height, sx, sy, x0, top, head, heading, line, label, room };
}

function gap_between(layout, sx) {
  const columns = layout.columns;
  return columns.length > 1 ? (columns[1] - columns[0]) * sx : 2 * sx;
}

function draw_network(view) {
  const d = view.data, style = d.style, layout = view.layout, net = view.net, acts = view.activations;
  const size = figure_size(view), ratio = window.devicePixelRatio || 1;
  const canvas = view.canvas;
  if (canvas.width !== Math.round(size.width * ratio) || canvas.height !== Math.round(size.height * ratio)) {
    canvas.width = Math.round(size.width * ratio);
    canvas.height = Math.round(size.height * ratio);
    canvas.style.height = size.height + "px";
  }
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = style.background;
  ctx.fillRect(0, 0, size.width, size.height);
  const px = (x) => (x - size.x0) * size.sx;
  const py = (y) => size.head + (size.top - y) * size.sy;
  // a neuron's radius: its size in the layout (as plotly draws it), never more than the room it has
  const radius_of = (spot) => Math.max(2, Math.min(spot.size / 2, (spot.square ? 0.48 : 0.36) * layer_gap(spot) * size.sy,
                                                   0.3 * gap_between(layout, size.sx)));
  view.geometry = { px, py, radius_of, size };
  const L = net.sizes.length - 1, step = current_step(view);

  // the input image, square whatever the two scales
  const image = image_box(view);
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(view.digit, image.left, image.top, image.side, image.side);
  if (step.at === 0) outline(ctx, image.left - 3, image.top - 3, image.side + 6, image.side + 6, d.palette.highlight);

  // edges, layer by layer: the strongest signals |w a| into each drawn neuron. Each layer's edges
  // are drawn once into a picture of their own and reused while nothing they show has changed
  // (a bias drag changes no weight): redrawing 1,000+ translucent lines every frame is what is slow.
  for (let l = 1; l <= L; l++) {
    const lit = edge_light(step, l);
    if (lit <= 0) continue;
    ctx.drawImage(edge_layer(view, l, lit, size, ratio, px, py), 0, 0, size.width, size.height);
  }
  // neurons
  for (let l = 1; l <= L; l++) {
    const reached = step.at === null || l <= step.at;
    const fade = step.at === l ? step.progress : 1;
    const spot = layout.layers[l - 1];
    const low = l === L ? 0 : d.shade_range[0], high = l === L ? 1 : d.shade_range[1];
    const radius = view.geometry.radius_of(spot);
    for (let j = 0; j < spot.x.length; j++) {
      const x = px(spot.x[j]), y = py(spot.y[j]);
      ctx.beginPath();
      if (spot.square) ctx.rect(x - radius, y - radius, 2 * radius, 2 * radius);
      else ctx.arc(x, y, radius, 0, 2 * Math.PI);
      ctx.fillStyle = reached ? mix_shade(style.not_computed, NN.shade(acts[l][j], low, high), fade) : style.not_computed;
      ctx.fill();
      ctx.lineWidth = spot.square ? 0.3 : 0.8;
      ctx.strokeStyle = style.outline;
      ctx.stroke();
    }
    if (step.at === l) {
      const pad = spot.square ? 6 : radius + 6;
      const xs = spot.x.map(px), ys = spot.y.map(py);
      outline(ctx, Math.min(...xs) - pad, Math.min(...ys) - pad, Math.max(...xs) - Math.min(...xs) + 2 * pad,
              Math.max(...ys) - Math.min(...ys) + 2 * pad, d.palette.highlight);
    }
  }
  draw_labels(view, ctx, px, py, step);
  draw_marks(view, ctx, px, py);
}

/** The 28x28 input image on the canvas: a square centred where the layout puts it. */
function image_box(view) {
  const { px, py } = view.geometry, [ix0, ix1, iy0, iy1] = view.layout.image;
  const side = Math.min(px(ix1) - px(ix0), py(iy0) - py(iy1));
  const cx = (px(ix0) + px(ix1)) / 2, cy = (py(iy0) + py(iy1)) / 2;
  return { left: cx - side / 2, top: cy - side / 2, side };
}

function outline(ctx, x, y, w, h, colour) {
  ctx.lineWidth = 3;
  ctx.strokeStyle = colour;
  ctx.strokeRect(x, y, w, h);
}

function mix_shade(from, to, t) {
  if (t >= 1) return to;
  const a = from.match(/\d+/g).map(Number), b = to.match(/\d+/g).map(Number);
  const c = a.map((v, k) => Math.round(v + (b[k] - v) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/** How far the signal has got: {at: null (everything) or 0..L, progress 0..1 of the layer being reached}. */
function current_step(view) {
  if (view.playing) return view.playing;
  return { at: view.step === null || view.step === undefined ? null : view.step, progress: 1 };
}

function edge_light(step, l) {
  const emphasis = step.at === null ? "done" : l < step.at ? "done" : l === step.at ? "active" : "pending";
  const base = { done: 0.4, active: 1.0, pending: 0.1 }[emphasis];
  return emphasis === "active" ? 0.1 + (base - 0.1) * step.progress : base;
}

/** The picture of layer l's edges, redrawn only when its weights, its choice of edges or its light changed. */
function edge_layer(view, l, light, size, ratio, px, py) {
  const d = view.data, layout = view.layout, sample = layout.samples[l - 1];
  const shown = l === 1 ? Math.min(d.input_edges, sample.shown) : sample.shown;
  const weights = JSON.stringify(view.edits.weights.filter(([k]) => k === l));
  const base = [d.model, d.input, weights, shown, light.toFixed(3), size.width, ratio, JSON.stringify(d.palette)].join("|");
  const layers = view.edge_layers || (view.edge_layers = {});
  let cached = layers[l];
  // while a finger drags, the edges chosen when the drag began stay (no flicker, no re-choosing
  // every frame); they are chosen again when it ends. Their weights, and so their colours, are exact.
  if (cached && view.dragging && cached.base === base) return cached.canvas;
  const chosen = chosen_edges(view, l, shown);
  const key = base + "|" + chosen.signature;
  if (cached && cached.key === key) return cached.canvas;
  if (!cached) cached = layers[l] = { canvas: document.createElement("canvas") };
  cached.key = key;
  cached.base = base;
  const canvas = cached.canvas;
  canvas.width = Math.round(size.width * ratio);
  canvas.height = Math.round(size.height * ratio);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  draw_edges(view, ctx, l, light, px, py, chosen.pairs);
  view.stats.edge_redraws = (view.stats.edge_redraws || 0) + 1;
  return canvas;
}

/**
 * The edges into layer l that are drawn (figures/network_layout.py's rule): for each drawn neuron
 * (all of a small layer, the most active of a large one) its ``shown`` strongest signals |w a|
 * (|w| where the input is all zero). Returns [target, source] pairs and a signature of them.
 */
function chosen_edges(view, l, shown) {
  const net = view.net, acts = view.activations, layout = view.layout, n_in = net.sizes[l - 1];
  const W = net.W[l - 1], a = acts[l - 1], any_input = a.some((v) => v !== 0);
  const targets = edge_targets(acts[l], layout.column_limit, layout.active_shown);
  const rank = new Float64Array(n_in), order = new Int32Array(n_in);
  const pairs = [];
  for (const j of targets) {
    const row = j * n_in;
    for (let i = 0; i < n_in; i++) { rank[i] = Math.abs(any_input ? W[row + i] * a[i] : W[row + i]); order[i] = i; }
    const top = shown >= n_in ? order : top_k(order, rank, shown);
    for (const i of top) pairs.push(j, i);
  }
  return { pairs, signature: shown >= n_in ? `all:${targets.join()}` : pairs.join() };
}

function draw_edges(view, ctx, l, light, px, py, pairs) {
  const d = view.data, net = view.net, layout = view.layout;
  const n_in = net.sizes[l - 1], W = net.W[l - 1];
  const scale = view.scale99[l - 1];
  const from = l === 1 ? null : layout.layers[l - 2], to = layout.layers[l - 1];
  const image = image_box(view), cell = image.side / 28;
  const bins = [[], [], [], []].map(() => [[], []]);  // [bin][positive?1:0] -> segments
  for (let k = 0; k < pairs.length; k += 2) {
    const j = pairs[k], i = pairs[k + 1], w = W[j * n_in + i];
    if (w === 0) continue;
    const strength = Math.min(1, Math.abs(w) / scale);
    const bin = d.style.bins.filter((edge) => strength > edge).length;
    let x0, y0;
    if (l === 1) {   // from the pixel itself
      x0 = image.left + (i % 28 + 0.5) * cell; y0 = image.top + (Math.floor(i / 28) + 0.5) * cell;
    } else { x0 = px(from.x[i]); y0 = py(from.y[i]); }
    bins[bin][w > 0 ? 1 : 0].push(x0, y0, px(to.x[j]), py(to.y[j]));
  }
  for (let bin = 0; bin < 4; bin++) {
    for (const positive of [0, 1]) {
      const segments = bins[bin][positive];
      if (!segments.length) continue;
      ctx.beginPath();
      for (let k = 0; k < segments.length; k += 4) { ctx.moveTo(segments[k], segments[k + 1]); ctx.lineTo(segments[k + 2], segments[k + 3]); }
      ctx.strokeStyle = NN.rgba(positive ? d.palette.positive : d.palette.negative, d.style.opacity[bin] * light);
      ctx.lineWidth = d.style.width[bin];
      ctx.stroke();
    }
  }
}

/** Indices of the k largest ranks (ties: the lower index), by one pass keeping a small sorted list. */
function top_k(order, rank, k) {
  if (k > 32) return Array.from(order).sort((p, q) => rank[q] - rank[p] || p - q).slice(0, k);
  const best = [];
  for (let i = 0; i < rank.length; i++) {
    const r = rank[i];
    if (best.length === k && r <= rank[best[k - 1]]) continue;
    let at = best.length;
    while (at > 0 && rank[best[at - 1]] < r) at--;
    best.splice(at, 0, i);
    if (best.length > k) best.pop();
  }
  return best;
}

function edge_targets(a, column_limit, active_shown) {
  const all = Array.from(a.keys());
  if (a.length <= column_limit) return all;
  return all.sort((p, q) => a[q] - a[p] || p - q).slice(0, active_shown).sort((p, q) => p - q);
}


/** ``words`` broken into lines no wider than ``room`` px (a word longer than that keeps a line of its own). */
function wrapped(ctx, words, room) {
  const lines = [];
  let current = "";
  for (const word of words.split(" ")) {
    const tried = current ? current + " " + word : word;
    if (ctx.measureText(tried).width > room && current) { lines.push(current); current = word; } else current = tried;
  }
  if (current) lines.push(current);
  return lines;
}

function draw_labels(view, ctx, px, py, step) {
  const d = view.data, layout = view.layout, net = view.net, L = net.sizes.length - 1, size = view.geometry.size;
  ctx.fillStyle = d.style.text;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  ctx.font = `${size.heading}px ${SVG_FONT}`;
  const [ix0, ix1] = layout.image;
  // every label written, with its box on the canvas (so a test can check that none overlaps another)
  view.labels = [];
  const label = (words, x, y, font_px) => {
    ctx.fillText(words, x, y);
    const width = ctx.measureText(words).width;
    const left = ctx.textAlign === "center" ? x - width / 2 : ctx.textAlign === "right" ? x - width : x;
    const top = ctx.textBaseline === "middle" ? y - font_px / 2 : y;
    view.labels.push({ text: words, size: font_px, left, right: left + width, top, bottom: top + font_px });
  };
  const write = (words, x, k) => wrapped(ctx, words, size.room(k)).forEach((part, n) => label(part, x, 6 + n * size.line, size.heading));
  write(d.texts.headings[0], (px(ix0) + px(ix1)) / 2, 0);
  layout.columns.forEach((x, k) => write(d.texts.headings[k + 1], px(x), k + 1));
  // the outputs' digits, the answer highlighted once the signal is there
  const out = layout.layers[L - 1], final = step.at === null || step.at === L, r = view.geometry.radius_of(out);
  ctx.textAlign = "left";
  ctx.textBaseline = "middle";
  for (let j = 0; j < out.x.length; j++) {
    const is_answer = final && j === view.answer;
    const font_px = is_answer ? size.label + 4 : size.label;
    ctx.font = `${is_answer ? "bold " : ""}${font_px}px ${SVG_FONT}`;
    ctx.fillStyle = is_answer ? d.palette.answer : d.style.text;
    label(String(j), px(out.x[j]) + r + 5, py(out.y[j]), font_px);
  }
  // the numbers of the layer whose sliders are shown, where there is room for them (12 px or more)
  const numbered = d.numbered;
  const gap_px = node_gap(layout) * size.sy;
  if (numbered && numbered < L && net.sizes[numbered] <= layout.column_limit && gap_px >= 13) {
    const spot = layout.layers[numbered - 1], rn = view.geometry.radius_of(spot);
    ctx.textAlign = "right";
    const font_px = Math.min(size.label - 1, Math.floor(gap_px) - 1);
    ctx.font = `${font_px}px ${SVG_FONT}`;
    ctx.fillStyle = d.style.text;
    for (let j = 0; j < spot.x.length; j++) label(String(j), px(spot.x[j]) - rn - 3, py(spot.y[j]), font_px);
  }
}

function draw_marks(view, ctx, px, py) {
  const d = view.data, layout = view.layout, radius_of = view.geometry.radius_of;
  ctx.lineWidth = 2.5;
  ctx.strokeStyle = d.style.changed;
  for (const [l, j] of view.changed) {
    const spot = layout.layers[l - 1], x = px(spot.x[j]), y = py(spot.y[j]), r = radius_of(spot) + 5;
    ctx.beginPath();
    ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
    ctx.stroke();
  }
  const selected = d.selected;
  if (selected) {
    const spot = layout.layers[selected[0] - 1];
    const r = radius_of(spot) + 6;
    ctx.lineWidth = 3;
    ctx.strokeStyle = d.palette.highlight;
    ctx.beginPath();
    ctx.arc(px(spot.x[selected[1]]), py(spot.y[selected[1]]), r, 0, 2 * Math.PI);
    ctx.stroke();
  }
}

function draw_legend(view) {
  const d = view.data, legend = view.legend, step = current_step(view);
  const grey = step.at !== null && step.at < view.net.sizes.length - 1 ? ", grey = not computed yet" : "";
  const marked = view.changed.length > 0 && d.panels.bias;
  const frozen = view.dragging && d.texts.samples.length ? " (edges as chosen when the drag began)" : "";
  rebuilt(legend, JSON.stringify([d.palette, d.texts.shades, d.texts.samples, grey, marked, frozen]), () => {
    const edges = el("div", "", legend);
    edges.append("edges: ");
    const positive = text(el("span", "", edges), `${d.palette.positive_name} = positive weight`);
    positive.style.color = NN.rgba(d.palette.positive, 1);
    edges.append(", ");
    const negative = text(el("span", "", edges), `${d.palette.negative_name} = negative`);
    negative.style.color = NN.rgba(d.palette.negative, 1);
    edges.append(", thicker = stronger");
    text(el("div", "", legend), `neurons: ${d.texts.shades}${grey}`);
    for (const note of d.texts.samples) text(el("div", "", legend), note + frozen);
    if (marked) text(el("div", "", legend), "◇ magenta diamonds: neurons you changed");
  });
}

// -- the output bars and the test accuracy (plain HTML, redrawn in place) ---------------------

function bar_row(parent, values, options) {
  // values in 0..1; options: {colours, reference, labels, marked, format}
  if (!parent.__bars) {
    parent.replaceChildren();
    const chart = el("div", "nv-chart", parent);
    parent.__bars = [...Array(values.length).keys()].map((k) => {
      const column = el("div", "nv-column", chart);
      const value = el("div", "nv-value", column);
      const track = el("div", "nv-track", column);
      const reference = el("div", "nv-reference", track);
      const fill = el("div", "nv-fill", track);
      const label = el("div", "nv-label", column);
      return { value, reference, fill, label };
    });
    parent.__caption = el("div", "nv-caption", parent);
  }
  parent.__bars.forEach((bar, k) => {
    const v = Math.max(0, Math.min(1, values[k]));
    style(bar.fill, "height", `${(100 * v).toFixed(1)}%`);
    style(bar.fill, "background", options.colours[k]);
    text(bar.value, options.format(values[k]));
    const tip = `${options.labels[k]}: ${options.format(values[k])}`;
    if (bar.value.parentElement.title !== tip) bar.value.parentElement.title = tip;
    const ref = options.reference;
    style(bar.reference, "display", ref ? "block" : "none");
    if (ref) style(bar.reference, "height", `${(100 * Math.max(0, Math.min(1, ref[k]))).toFixed(1)}%`);
    text(bar.label, options.labels[k]);
    bar.label.classList.toggle("nv-marked", options.marked === k);
  });
  text(parent.__caption, options.caption);
}

function draw_bars(view) {
  const d = view.data, output = view.activations.at(-1);
  const reference = view.changed.length ? view.trained_output : null;
  const answer = NN.argmax(output);
  bar_row(view.bars, Array.from(output), {
    colours: Array.from(output, (_, k) => (k === answer ? d.palette.answer : d.style.other_bar)),
    reference, format: (v) => v.toFixed(2), marked: d.label,
    labels: [...Array(10).keys()].map((k) => (k === d.label ? `${k} ▲` : String(k))),
    caption: d.texts.bars + (reference ? " Outlines: the trained network." : ""),
  });
}

function draw_accuracy(view) {
  const d = view.data, trained = d.trained_scores;
  const score = view.dragging || view.pending.length ? view.score : d.scores;
  if (!score) return;
  const box = view.accuracy;
  if (!box.__metric) {
    box.replaceChildren();
    text(el("h4", "", box), d.texts.accuracy_title);
    const row = el("div", "nv-accuracy-row", box);
    const metric = el("div", "nv-metric", row);
    box.__metric = { label: text(el("div", "nv-metric-label", metric), "Test accuracy"),
                     value: el("div", "nv-metric-value", metric), delta: el("div", "nv-metric-delta", metric),
                     note: el("div", "nv-caption", metric) };
    box.__digits = el("div", "nv-digits", row);
  }
  const m = box.__metric, edited = view.changed.length > 0;
  text(m.value, `${(100 * score.accuracy).toFixed(1)}%`);
  const points = 100 * (score.accuracy - trained.accuracy);
  text(m.delta, edited ? `${NN.signed(points, 1)} points` : "");
  style(m.delta, "color", points < -0.05 ? NN.rgba(d.palette.negative, 1) : points > 0.05 ? NN.rgba(d.palette.positive, 1) : "");
  text(m.note, `Trained: ${(100 * trained.accuracy).toFixed(1)}%. Recomputed on every change: by your browser while you drag, then by the server.`);
  const colours = score.per_digit.map((now, k) => {
    const drop = trained.per_digit[k] - now;
    return drop > 0.05 ? NN.rgba(d.palette.negative, 1) : drop < -0.05 ? NN.rgba(d.palette.positive, 1) : "#7f8c8d";
  });
  bar_row(box.__digits, score.per_digit, {
    colours, reference: trained.per_digit, format: (v) => `${Math.round(100 * v)}%`,
    labels: [...Array(10).keys()].map(String), marked: null, caption: d.texts.per_digit,
  });
}

// -- controls: bias sliders, weight sliders, the flow ----------------------------------------

function slider(parent, spec, on_input, on_release) {
  const row = el("label", "nv-slider", parent);
  const head = el("span", "nv-slider-head", row);
  const name = el("span", "nv-slider-name", head);
  const value = el("span", "nv-slider-value", head);
  const input = el("input", "", row);
  input.type = "range";
  input.min = spec.min; input.max = spec.max; input.step = spec.step;
  input.value = spec.value;
  input.setAttribute("aria-label", spec.aria || spec.name);
  if (spec.help) row.title = spec.help;
  text(name, spec.name);
  const release = () => { if (input.__moving) { input.__moving = false; on_release(Number(input.value)); } };
  input.addEventListener("input", () => { input.__moving = true; on_input(Number(input.value)); });
  input.addEventListener("change", release);   // the end of a drag, a click on the track, an arrow key
  input.addEventListener("pointerup", release);
  input.addEventListener("pointercancel", release);
  return { row, input, name, value, spec };
}

function build_controls(view) {
  const d = view.data;
  const signature = JSON.stringify([d.panels, d.controls && d.controls.signature, d.large_text]);
  if (view.signature === signature) return;
  view.signature = signature;
  view.sliders = [];
  view.controls.replaceChildren();
  view.weights.replaceChildren();
  view.flow.replaceChildren();
  view.box.classList.toggle("nv-large", !!d.large_text);
  view.box.classList.toggle("nv-with-controls", !!d.panels.bias);
  if (d.panels.bias) build_bias_sliders(view);
  if (d.panels.weights) build_weight_sliders(view);
  if (d.panels.flow) build_flow(view);
  view.accuracy.style.display = d.panels.accuracy ? "" : "none";
  view.head.style.display = d.panels.head === false ? "none" : "";
  view.bars.style.display = d.panels.outputs ? "" : "none";
}

function change_from(view, kind, spec, value) {
  return { kind, layer: spec.layer, neuron: spec.neuron, source: spec.source, value };
}

function drag(view, kind, spec) {
  return (value) => { view.dragging = change_from(view, kind, spec, value); recompute(view, false); };
}

function release(view, kind, spec) {
  return (value) => {
    const change = { ...change_from(view, kind, spec, value), id: ++view.release_id };
    view.dragging = null;
    view.pending.push(change);
    recompute(view, false);
    view.stats.releases++;
    view.send("release", { id: change.id, changes: view.pending.map(({ kind, layer, neuron, source, value }) => ({ kind, layer, neuron, source, value })) });
  };
}

function build_bias_sliders(view) {
  const c = view.data.controls;
  text(el("div", "nv-panel-title", view.controls), c.title);
  if (c.note) text(el("div", "nv-caption", view.controls), c.note);
  const grid = el("div", "nv-slider-grid", view.controls);
  for (const j of c.neurons) {
    const spec = { layer: c.layer, neuron: j, min: -c.range, max: c.range, step: 0.1, value: 0,
                   name: `${c.unit} ${j}`, aria: `bias b of ${c.unit} ${j}`, help: `trained bias ${NN.signed(view.trained.b[c.layer - 1][j], 2)}` };
    const s = slider(grid, spec, drag(view, "bias", spec), release(view, "bias", spec));
    s.kind = "bias";
    view.sliders.push(s);
  }
}

function build_weight_sliders(view) {
  const c = view.data.weight_controls;
  text(el("div", "nv-panel-title", view.weights), c.title);
  const grid = el("div", "nv-slider-grid nv-two", view.weights);
  const scale = { layer: c.layer, neuron: c.neuron, min: -2, max: 2, step: 0.05, value: 1,
                  name: "Scale all its incoming weights", help: "1 = as trained, 0 = cut off from its inputs, −1 = the opposite pattern" };
  const s = slider(grid, scale, drag(view, "scale", scale), release(view, "scale", scale));
  s.kind = "scale";
  view.sliders.push(s);
  const weight = { layer: c.layer, neuron: c.neuron, source: c.source, min: -5, max: 5, step: 0.05, value: 0,
                   name: `Weight from ${c.source_name}`, help: c.weight_help };
  const w = slider(grid, weight, drag(view, "weight", weight), release(view, "weight", weight));
  w.kind = "weight";
  view.sliders.push(w);
}

/** Slider positions from the edits in force (after Python's data arrived): never while a finger drags. */
function sync_controls(view) {
  for (const s of view.sliders) {
    if (s.input.__moving) continue;
    s.input.value = slider_value(view, s);
  }
}

function slider_value(view, s) {
  const { layer, neuron, source } = s.spec, net = view.net;
  if (s.kind === "bias") return Math.max(-view.data.controls.range, Math.min(view.data.controls.range, net.b[layer - 1][neuron]));
  if (s.kind === "scale") {
    const edit = view.edits.weights.find(([l, j]) => l === layer && j === neuron);
    return edit ? edit[2] : 1;
  }
  return Math.max(-5, Math.min(5, net.W[layer - 1][neuron * net.sizes[layer - 1] + source]));
}

function update_slider_labels(view) {
  const changed = new Set(view.changed.map(([l, j]) => `${l}:${j}`));
  for (const s of view.sliders) {
    const v = s.input.__moving ? Number(s.input.value) : slider_value(view, s);
    if (s.kind === "bias") {
      const a = view.activations[s.spec.layer][s.spec.neuron];
      const mark = changed.has(`${s.spec.layer}:${s.spec.neuron}`) ? " · ✎" : "";
      text(s.value, `b = ${NN.number(v, 1)} · a = ${a.toFixed(2)}${mark}`);
    } else if (s.kind === "scale") text(s.value, `× ${NN.number(v, 2)}`);
    else text(s.value, NN.number(v, 2));
  }
}

// -- the flow: "signal has reached" and "play the pass" --------------------------------------

function build_flow(view) {
  const d = view.data, L = view.trained.sizes.length - 1;
  const group = el("div", "nv-steps", view.flow);
  group.setAttribute("role", "radiogroup");
  group.setAttribute("aria-label", "Signal has reached");
  text(el("span", "nv-steps-title", group), "Signal has reached");
  view.step_buttons = d.texts.steps.map((label, k) => {
    const button = text(el("button", "nv-step", group), label);
    const value = k <= L ? k : null;
    button.type = "button";
    button.setAttribute("role", "radio");
    button.addEventListener("click", () => choose_step(view, value));
    return { button, value };
  });
  const play = text(el("button", "nv-play", view.flow), "▶ Play the pass");
  play.type = "button";
  play.title = "Watch the signal travel from the input to the answer, one layer at a time";
  play.addEventListener("click", () => play_pass(view));
  view.play_button = play;
  const edges = { min: 1, max: 30, step: 1, value: d.input_edges, name: "Connections drawn from the image into each first-layer neuron",
                  help: "The strongest signals w·a; the image has 784 connections into every first-layer neuron" };
  const s = slider(view.flow, edges, (v) => { d.input_edges = v; schedule(view); }, (v) => view.send("edges", v));
  s.kind = "edges";
  text(s.value, String(d.input_edges));
  s.input.addEventListener("input", () => text(s.value, s.input.value));
  view.edges_slider = s;
}

function mark_steps(view) {
  if (!view.step_buttons) return;
  const at = current_step(view).at;
  for (const { button, value } of view.step_buttons) {
    const on = value === at;
    button.classList.toggle("nv-on", on);
    button.setAttribute("aria-checked", on ? "true" : "false");
  }
}

function choose_step(view, value) {
  view.playing = null;
  view.step = value;
  animate_layer(view, value, () => view.send("step", value === null ? "all" : value));
}

/** The signal reaches layer ``at``: its edges brighten and its neurons fade in over ~0.5 s. */
function animate_layer(view, at, done) {
  cancelAnimationFrame(view.animation || 0);
  if (at === null || at === 0) { view.playing = null; schedule(view); mark_steps(view); if (done) done(); return; }
  const start = performance.now(), seconds = view.data.play_seconds * 0.6;
  const tick = (now) => {
    const progress = Math.min(1, (now - start) / (1000 * seconds));
    view.playing = { at, progress };
    draw(view);
    mark_steps(view);
    if (progress < 1) view.animation = requestAnimationFrame(tick);
    else { view.playing = null; view.step = at; schedule(view); if (done) done(); }
  };
  view.animation = requestAnimationFrame(tick);
}

function play_pass(view) {
  const L = view.trained.sizes.length - 1;
  let at = 0;
  view.step = 0;
  schedule(view);
  mark_steps(view);
  const next = () => {
    if (at >= L) { view.send("step", L); return; }
    at += 1;
    view.timer = setTimeout(() => animate_layer(view, at, next), 250);
  };
  view.timer = setTimeout(next, view.data.play_seconds * 400);
}

// -- pointing at a neuron ----------------------------------------------------------------------

function neuron_at(view, event) {
  if (!view.geometry) return null;
  const rect = view.canvas.getBoundingClientRect();
  const x = event.clientX - rect.left, y = event.clientY - rect.top;
  const { px, py, radius_of } = view.geometry;
  let best = null, best_distance = Infinity;
  view.layout.layers.forEach((spot, k) => {
    const reach = Math.max(8, radius_of(spot) + 3);
    for (let j = 0; j < spot.x.length; j++) {
      const distance = Math.hypot(px(spot.x[j]) - x, py(spot.y[j]) - y);
      if (distance < reach && distance < best_distance) { best = [k + 1, j]; best_distance = distance; }
    }
  });
  return best ? { neuron: best, x, y } : null;
}

function hover(view, event) {
  const hit = neuron_at(view, event);
  if (!hit) { view.tip.style.display = "none"; return; }
  const [l, j] = hit.neuron, L = view.net.sizes.length - 1;
  const step = current_step(view);
  const computed = step.at === null || l <= step.at;
  const name = view.data.texts.layer_names[l];
  text(view.tip, `${name}, ${l === L ? "digit" : "neuron"} ${j}` + (computed ? ` · activation ${view.activations[l][j].toFixed(3)}` : " · not computed yet"));
  view.tip.style.display = "block";
  view.tip.style.left = `${hit.x + 12}px`;
  view.tip.style.top = `${view.canvas.offsetTop + hit.y + 12}px`;
}

function click(view, event) {
  const hit = neuron_at(view, event);
  if (hit && view.data.selectable) view.send("select", hit.neuron);
}

/** One render of the view (called by the view's small module; see ui/live_component.engine_and_view). */
function render(component) {
  const { data, parentElement, setTriggerValue } = component;
  const view = parentElement.__nnView || (parentElement.__nnView = create_view(parentElement));
  receive(view, data, setTriggerValue);
  mark_steps(view);
  // Streamlit calls this cleanup when the element goes, and sometimes when a newer render overtook
  // this one: stop for good only if the element has really left the page.
  return () => setTimeout(() => {
    if (view.root.isConnected) return;
    cancelAnimationFrame(view.frame || 0);
    cancelAnimationFrame(view.animation || 0);
    clearTimeout(view.timer);
    view.resize.disconnect();
    if (view.worker) view.worker.stop();
  }, 0);
}
