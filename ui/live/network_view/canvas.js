// network_view/canvas.js: painting the network on its canvas, as figures/network_layout.py places it and
// chooses its edges (tests/browser/test_live_maths.py compares the choice with Python's).

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
  timed("description", () => describe(view));
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
  // a neuron's radius: its size in the layout (figures/network_layout.node_size), never more than the room it has
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

function swatch(parent, rgb) {
  const mark = text(el("span", "nv-swatch", parent), "━━ ");
  mark.setAttribute("aria-hidden", "true");
  mark.style.color = NN.rgba(rgb, 1);
  return mark;
}

function draw_legend(view) {
  const d = view.data, legend = view.legend, step = current_step(view);
  const grey = step.at !== null && step.at < view.net.sizes.length - 1 ? ", grey = not computed yet" : "";
  const marked = view.changed.length > 0 && d.panels.bias;
  const frozen = view.dragging && d.texts.samples.length ? " (edges as chosen when the drag began)" : "";
  rebuilt(legend, JSON.stringify([d.palette, d.texts.shades, d.texts.samples, grey, marked, frozen]), () => {
    const edges = el("div", "", legend);
    edges.append("edges: ");
    // each colour as a swatch (a picture: 3:1 is enough) beside its name in the text's own colour (4.5:1 for words;
    // the colour-blind palette's orange as text was 3.4:1)
    swatch(edges, d.palette.positive);
    text(el("span", "", edges), `${d.palette.positive_name} = positive weight, `);
    swatch(edges, d.palette.negative);
    text(el("span", "", edges), `${d.palette.negative_name} = negative, thicker = stronger`);
    text(el("div", "", legend), `neurons: ${d.texts.shades}${grey}`);
    for (const note of d.texts.samples) text(el("div", "", legend), note + frozen);
    if (marked) text(el("div", "", legend), "◇ magenta diamonds: neurons you changed");
  });
}

