// network_view/view.js: the live network view's state, its data from Python and the forward pass it
// recomputes (joined after nn.js, before the other network_view/ files; see ui/live/network.py).
//
// Draws the whole network for one input (the input as its 28x28 image, neurons shaded by activation,
// edges coloured by weight in the palette, the selected neuron, the layer-by-layer flow) and recomputes
// the forward pass itself while a slider moves: no Streamlit rerun until the drag ends. Then the change
// goes back to Python once (trigger "release"), where nn_core recomputes and every other page sees the
// same state. Where everything sits and which edges are drawn is figures/network_layout.py's rule
// (its specification); canvas.js paints it, panels.js the bars and the accuracy, controls.js the
// sliders and pointing, flow.js the signal's travel.
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
  view.canvas.setAttribute("aria-label", "The network");   // named in full once it is drawn (description.js)
  view.description = describer(main);
  view.canvas.setAttribute("aria-describedby", view.description.node.id);
  view.tip = el("div", "nv-tip", main);
  view.legend = el("div", "nv-legend", main);
  view.keys = el("div", "nv-caption nv-keys", main);   // the flow's keys, under the picture (flow.js)
  view.bars = el("div", "nv-bars", main);
  view.weights = el("div", "nv-weights", box);
  view.accuracy = el("div", "nv-accuracy", box);
  view.canvas.addEventListener("pointermove", (e) => hover(view, e));
  view.canvas.addEventListener("pointerleave", () => { view.tip.style.display = "none"; });
  view.canvas.addEventListener("click", (e) => click(view, e));
  view.resize = new ResizeObserver(() => schedule(view));
  view.resize.observe(main);
  window.__nnLiveView = view;  // for browser tests and the benchmark
  view.probe = { draw, draw_network, draw_bars, draw_legend, draw_accuracy, update_slider_labels, draw_verdict, recompute, rescore,
                 chosen_edges };
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
  schedule_frame(view, draw);
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
  describe(view);
}

/** One render of the view (called by the view's small module; see ui/live/component.engine_and_view). */
function render(component) {
  return live_render(component, create_view, (view, { data, setTriggerValue }) => {
    receive(view, data, setTriggerValue);
    mark_steps(view);
  }, stop_view);
}

function stop_view(view) {
  cancelAnimationFrame(view.frame || 0);
  cancelAnimationFrame(view.animation || 0);
  clearTimeout(view.timer);
  view.description.stop();
  view.resize.disconnect();
  if (view.worker) view.worker.stop();
}
