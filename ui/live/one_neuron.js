// one_neuron.js: the One-neuron page, live (joined after nn.js; mounted by ui/pages/neuron/live.py through
// ui/live/component.engine_and_view: this is the engine, the view's small module carries the data).
//
// While a slider moves, everything is drawn here, with no Streamlit rerun: the neuron diagram, the
// sentence of ui/pages/neuron/controls.explain, the number line of the weighted sum and the activation curve
// with this neuron's point. When the slider is let go (pointerup, change, key up) the nine values
// go back to Python once (the "release" trigger); Python checks them and keeps them in session
// state, and its next data (values, its own sentence) becomes what is shown.
// The arithmetic mirrors numpy's (Σ w·a summed left to right, as numpy sums four numbers) and the
// numbers are printed as Python prints them (nn.js: ties to even); tests/browser/test_live_neuron.py
// compares both with nn_core and ui/pages/neuron/controls.explain. Text is written with textContent only.
// Its colours are Python's (data.palette: the weights' colours, and the bias's and threshold's gold).

// One engine per page, even if Streamlit runs this module again (a remount under load): the counts, the frames and a
// test's flags stay in the first one, where window.nnOneNeuron already points.
const ONE = window.nnOneNeuron ?? (() => {
  const { fixed, number, signed } = NN;   // (nn.js: Python's rounding)

  /** {signals w_i a_i, weighted Σ w·a, z, a} as pages/neuron.py computes them with numpy. */
  function neuron(values, activation) {
    const signals = values.inputs.map((a, i) => values.weights[i] * a);
    let weighted = signals[0];
    for (let i = 1; i < signals.length; i++) weighted += signals[i];
    const z = weighted + values.bias;
    return { signals, weighted, z, a: NN.ACTIVATIONS[activation.name](z) };
  }

  /** The neuron in a few words, for a screen reader: z and a as the sentence prints them, and the sentence's verdict. */
  function description(values, activation) {
    const { weighted, z, a } = neuron(values, activation);
    const verdict = weighted > -values.bias ? "active" : activation.below_threshold;
    return `z = ${signed(z)}, a = ${number(a, 3)}: the neuron is ${verdict}.`;
  }

  /** ui/pages/neuron/controls.explain, word for word (markdown: **bold**). */
  function sentence(values, activation) {
    const { weighted, z, a } = neuron(values, activation);
    const threshold = -values.bias;
    const verdict = weighted > threshold ? "above it, so the neuron is active"
      : `not above it, so the neuron is ${activation.below_threshold}`;
    return `Weighted sum **Σ w·a = ${signed(weighted)}**. With bias b = ${signed(values.bias)} the neuron becomes ` +
      `active when Σ w·a > ${signed(threshold)}; it is ${verdict}. z = Σ w·a + b = ${signed(z)}, so ` +
      `**a = ${activation.symbol}(z) = ${number(a, 3)}**.`;
  }

  const frames = [];   // {t, ms} of the last redraws, for the frame-rate measurement
  const counts = { renders: 0, releases: 0, resends: 0, engine_runs: 0 };
  const squash = (name, z) => NN.ACTIVATIONS[name](z);
  const api = { fixed, signed, number, neuron, sentence, description, squash, frames, counts };
  window.nnOneNeuron = api;  // for browser tests
  return api;
})();
ONE.counts.engine_runs++;

const SVG_NS = "http://www.w3.org/2000/svg";
const FIELDS = [["bias", null]].concat([0, 1, 2, 3].flatMap((i) => [["inputs", i], ["weights", i]]));

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function html(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Markdown with only **bold** (from explain) into ``parent``, as text nodes: nothing is parsed as HTML. */
function write_bold(parent, markdown) {
  parent.replaceChildren(...markdown.split("**").map((part, k) => (k % 2 ? html("strong", "", part) : document.createTextNode(part))));
}

const clip = (v, low, high) => Math.min(high, Math.max(low, v));
const textWidth = (text, size) => text.length * size * 0.56;  // Source Sans: about 0.56 em a character

/** One line of a legend: a small swatch drawn in SVG, then its words. */
function legend_item(swatch, words) {
  const item = html("span", "item");
  const icon = svg("svg", { width: 22, height: 12, "aria-hidden": "true" });
  icon.appendChild(swatch);
  item.append(icon, html("span", "", words));
  return item;
}

function build(root) {
  const view = {
    values: null, python: null, config: null, sent: null, seq: 0, dragging: false, keys: 0,
    frame: 0, width: 600, release_timer: 0, setTrigger: null, unsent: false,
  };
  ONE.last_view = view;   // (browser tests read its state when a release seems lost)
  const box = html("div", "one-live");
  const controls = html("div", "controls");
  // the neuron and its sentence ("head"), then the number line and the curve ("rest"): beside the sliders on a
  // wide screen; on a narrow one the neuron comes first, the sliders under it, the rest below (one_neuron.css)
  const pictures = html("div", "pictures head");
  const rest = html("div", "pictures rest");
  box.append(controls, pictures, rest);
  root.appendChild(box);

  // -- sliders ---------------------------------------------------------------------------
  view.sliders = {};
  const pairs = html("div", "pairs");
  for (const [field, i] of FIELDS) {
    const id = `one-${field}-${i ?? 0}`;
    const wrap = html("div", `slider ${field}`);
    const top = html("div", "top");
    const label = html("label", "", field === "bias" ? "Bias b" : field === "inputs" ? `Input a${i + 1}` : `Weight w${i + 1}`);
    label.htmlFor = id;
    // the value beside its label (a span, not an <output>: that is a live region, and the slider says its value)
    const output = html("span", "value");
    output.setAttribute("aria-hidden", "true");
    top.append(label, output);
    const input = html("input");
    Object.assign(input, { type: "range", id });
    wrap.append(top, input);
    if (field === "bias") {
      const help = html("p", "help", "Added to the weighted sum before squashing: how easily the neuron fires");
      help.id = "one-bias-help";
      input.setAttribute("aria-describedby", help.id);
      wrap.appendChild(help);
      controls.appendChild(wrap);
    } else {
      pairs.appendChild(wrap);
    }
    view.sliders[`${field}${i ?? ""}`] = { field, i, input, output };
    input.addEventListener("input", () => moved(view, field, i, Number(input.value)));
    input.addEventListener("change", () => let_go(view));
    input.addEventListener("pointerdown", () => { view.dragging = true; });
    input.addEventListener("keydown", (event) => { if (!event.repeat && STEP_KEYS.has(event.key)) view.keys++; });
    input.addEventListener("keyup", (event) => { if (STEP_KEYS.has(event.key)) { view.keys = 0; let_go(view); } });
    input.addEventListener("blur", () => { view.keys = 0; let_go(view); });
  }
  controls.appendChild(pairs);
  controls.appendChild(html("p", "keys", "Keys: Tab to a slider; the arrow keys move it a step, Home and End to its ends."));
  view.end_drag = () => { if (view.dragging) { view.dragging = false; let_go(view); } };
  window.addEventListener("pointerup", view.end_drag);
  window.addEventListener("pointercancel", view.end_drag);

  // -- pictures ----------------------------------------------------------------------------
  // (each picture is named from the start: its name with the numbers comes with its first drawing)
  view.diagram = svg("svg", { role: "img", class: "diagram", "aria-label": "Four inputs joined by their weights to one neuron" });
  view.diagram_key = html("div", "legend");
  view.sentence = html("p", "sentence");
  view.sentence.setAttribute("data-testid", "one-live-sentence");
  const line_key = html("div", "legend");
  line_key.append(html("span", "item", "○ = Σ w·a (before the bias)"), html("span", "item", "◆ = z = Σ w·a + b"));
  view.line = svg("svg", { role: "img", class: "line", "aria-label": "A number line: the weighted sum, plus the bias, gives z" });
  view.curve_key = html("div", "legend");
  view.curve = svg("svg", { role: "img", class: "curve", "aria-label": "The curve of the activation function" });
  view.caption = html("p", "caption");
  pictures.append(view.diagram, view.diagram_key, view.sentence);
  view.description = describer(pictures);   // said at most once a second while a slider moves (nn.js)
  rest.append(line_key, view.line, view.curve_key, view.curve, view.caption);

  view.box = box;
  view.pictures = pictures;
  view.picture_width = 600;
  view.observer = new ResizeObserver((entries) => {
    for (const entry of entries) {
      const width = Math.floor(entry.contentRect.width);
      if (width <= 0) continue;
      if (entry.target === box) view.width = width;
      else view.picture_width = width;
    }
    layout(view);
    if (view.values) draw_soon(view);
  });
  view.observer.observe(box);
  view.observer.observe(pictures);
  view.cleanup = () => {
    view.observer.disconnect();
    window.removeEventListener("pointerup", view.end_drag);
    window.removeEventListener("pointercancel", view.end_drag);
    cancelAnimationFrame(view.frame);
    clearTimeout(view.release_timer);
    clearTimeout(view.ack_timer);
    view.description.stop();
  };
  return view;
}

const STEP_KEYS = new Set(["ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);

function moved(view, field, i, value) {
  if (!Number.isFinite(value)) return;
  view.unsent = true;   // a change Python has not heard of yet: its next data must not undo it (see update)
  if (field === "bias") view.values.bias = value;
  else view.values[field][i] = value;
  show_value(view, view.sliders[`${field}${i ?? ""}`]);
  draw_soon(view);
}

/** A slider was let go: send the values once, after the events of this release have all arrived. */
function let_go(view) {
  clearTimeout(view.release_timer);
  view.release_timer = setTimeout(() => {
    if (view.dragging || view.keys > 0 || !view.values) return;
    view.unsent = false;
    const sent = JSON.stringify(view.values);
    if (sent === (view.sent ?? JSON.stringify(view.python.values))) return;  // nothing changed
    view.sent = sent;
    view.seq = Math.max(view.seq, view.python.ack) + 1;
    ONE.counts.releases++;
    if (ONE.lose_next_release) ONE.lose_next_release = false;   // (a browser test's stand-in for a lost release)
    else view.setTrigger("release", { seq: view.seq, ...view.values });
    watch_ack(view, 0);
  }, 0);
}

/** Until Python's data says it has the last release (ack = seq), send it again now and then: on a busy server
 *  a release can be taken in by a run that draws nothing (a fragment run Streamlit drops), and then the page
 *  would show the browser's own values for good while Python keeps older ones (a lesson check would not see
 *  them). The same values with the same seq: Python keeps them once. */
const ACK_WAIT_MS = 2500, ACK_TRIES = 6;
function watch_ack(view, tries) {
  clearTimeout(view.ack_timer);
  view.ack_timer = setTimeout(() => {
    if (!view.python || view.python.ack >= view.seq || view.sent === null || tries >= ACK_TRIES) return;
    if (view.dragging || view.keys > 0) return;   // a newer release will follow
    ONE.counts.resends++;
    view.setTrigger("release", { seq: view.seq, ...JSON.parse(view.sent) });
    watch_ack(view, tries + 1);
  }, ACK_WAIT_MS);
}

function same_values(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Python's data for this run: adopt its values unless a finger is on a slider or a newer release is on its way. */
function update(view, data, setTriggerValue) {
  view.setTrigger = setTriggerValue;
  view.config = data;
  view.python = { values: data.values, sentence: data.sentence, ack: data.ack };
  const stale = view.sent !== null && data.ack < view.seq;  // this run began before our last release
  // a finger on a slider, a key held, or a move not yet sent (a key let go a moment ago): the browser's values stand
  if (!view.values || (!view.dragging && view.keys === 0 && !view.unsent && !stale)) {
    view.values = structuredClone(data.values);
    view.sent = null;
  }
  view.box.classList.toggle("large", !!data.large);
  for (const slider of Object.values(view.sliders)) {
    const [low, high, step] = data.ranges[slider.field];
    Object.assign(slider.input, { min: low, max: high, step });
    const value = slider.i === null ? view.values.bias : view.values[slider.field][slider.i];
    if (Number(slider.input.value) !== value) slider.input.value = String(value);
    show_value(view, slider);
  }
  if (!view.measured) {  // the first drawing at the right size, before the resize observer reports
    view.measured = true;
    view.width = Math.floor(view.box.getBoundingClientRect().width) || view.width;
    layout(view);
    view.picture_width = Math.floor(view.pictures.getBoundingClientRect().width) || view.picture_width;
  }
  layout(view);
  draw_soon(view);
}

function show_value(view, { field, i, input, output }) {
  const value = i === null ? view.values.bias : view.values[field][i];
  const text = ONE.number(value, field === "inputs" ? 2 : 1);
  output.textContent = text;
  input.setAttribute("aria-valuetext", text);
  const palette = view.config.palette;
  const colour = field === "weights" ? `rgb(${(value >= 0 ? palette.positive : palette.negative).join(",")})`
    : field === "bias" ? view.config.palette.bias : "#555";
  const [low, high] = view.config.ranges[field];
  const at = (v) => `${(100 * (v - low) / (high - low)).toFixed(2)}%`;
  const from = field === "inputs" ? low : 0;  // signed sliders fill from their zero
  input.style.setProperty("--thumb", colour);
  input.style.setProperty("--from", at(Math.min(from, value)));
  input.style.setProperty("--to", at(Math.max(from, value)));
}

function layout(view) {
  const stacked = view.width < 640;  // a phone, a narrow window: the neuron, the sliders under it, then the rest
  view.box.classList.toggle("stacked", stacked);
}

function draw_soon(view) {
  if (!view.frame) view.frame = requestAnimationFrame(() => { view.frame = 0; draw(view); });
}

function draw(view) {
  const started = performance.now();
  const { values, config } = view;
  const activation = config.activation;
  const result = ONE.neuron(values, activation);
  const large = !!config.large;
  const width = Math.max(240, view.picture_width);
  const font = large ? 17 : 13;  // the smallest text (axis numbers) is one less: 16 px on a projector, 12 px on a phone
  draw_diagram(view, result, width, font);
  const markdown = same_values(values, view.python.values) ? view.python.sentence : ONE.sentence(values, activation);
  write_bold(view.sentence, markdown);
  view.sentence.dataset.source = markdown === view.python.sentence && same_values(values, view.python.values) ? "python" : "browser";
  view.sentence.dataset.a = String(result.a);
  view.description.say(ONE.description(values, activation));
  draw_line(view, result, width, font);
  draw_curve(view, result, width, font);
  const words = config.words;
  view.caption.textContent = (Math.abs(values.bias) < config.no_bias_below ? words.no_bias_yet : words.dotted) + words.rest;
  const frames = ONE.frames;
  frames.push({ t: started, ms: performance.now() - started });
  if (frames.length > 2000) frames.splice(0, frames.length - 2000);
}

// -- the three pictures ---------------------------------------------------------------------

function draw_diagram(view, { a }, width, font) {
  const { values, config } = view;
  const palette = config.palette, [low, high] = config.activation.shade;
  const large = !!config.large;
  const r = large ? 19 : 16, R = large ? 32 : 28;
  const height = 4 * (2 * r + (large ? 22 : 18));
  const out_label = `a = ${ONE.number(a, 2)}`;
  const x_in = 6 + textWidth("a1 = 0.80", font) + 8 + r;
  const x_out = width - 6 - Math.max(textWidth(out_label, font), textWidth("b = +0.0", font)) - 10 - R;
  const ys = [0, 1, 2, 3].map((k) => r + 4 + k * (height - 2 * r - 8) / 3);
  const y_out = height / 2;
  const limit = Math.max(1, ...values.weights.map(Math.abs));
  const nodes = [];
  const labels = [];
  values.weights.forEach((w, k) => {
    const strength = Math.min(Math.abs(w) / limit, 1);
    const colour = w >= 0 ? palette.positive : palette.negative;
    nodes.push(svg("line", { x1: x_in, y1: ys[k], x2: x_out, y2: y_out, stroke: NN.rgba(colour, 0.25 + 0.75 * strength),
                             "stroke-width": 1 + 6 * strength }));
    const t = 0.42, x = x_in + t * (x_out - x_in), y = ys[k] + t * (y_out - ys[k]);
    const words = `w${k + 1} = ${ONE.signed(w, 1)}`, size = textWidth(words, font) + 8;
    labels.push(svg("rect", { x: x - size / 2, y: y - font * 0.7, width: size, height: font * 1.4, rx: 3, class: "label-box" }));
    labels.push(svg("text", { x, y, "text-anchor": "middle", "dominant-baseline": "central", "font-size": font }, words));
  });
  values.inputs.forEach((v, k) => {
    nodes.push(svg("circle", { cx: x_in, cy: ys[k], r, fill: NN.shade(v, 0, 1), stroke: "#888", "stroke-width": 1.5 }));
    labels.push(svg("text", { x: x_in - r - 6, y: ys[k], "text-anchor": "end", "dominant-baseline": "middle", "font-size": font },
                    `a${k + 1} = ${ONE.number(v, 2)}`));
  });
  nodes.push(svg("circle", { cx: x_out, cy: y_out, r: R, fill: NN.shade(a, low, high), stroke: palette.highlight, "stroke-width": 3 }));
  labels.push(svg("text", { x: x_out + R + 8, y: y_out, "dominant-baseline": "middle", "font-size": font + 1, class: "strong" }, out_label));
  labels.push(svg("text", { x: x_out, y: y_out + R + font + 4, "text-anchor": "middle", "font-size": font, fill: view.config.palette.bias },
                  `b = ${ONE.signed(values.bias, 1)}`));
  view.diagram.replaceChildren(...nodes, ...labels);
  Object.assign(view.diagram.style, { width: `${width}px`, height: `${height}px` });
  view.diagram.setAttribute("viewBox", `0 0 ${width} ${height}`);
  view.diagram.setAttribute("aria-label", `Four inputs joined by their weights to one neuron; its activation a = ${ONE.number(a, 2)}`);

  const key = config.key_words;
  const swatch = (rgb) => svg("line", { x1: 1, y1: 6, x2: 21, y2: 6, stroke: NN.rgba(rgb, 1), "stroke-width": 4 });
  const shade_box = () => {
    const g = svg("g");
    g.append(svg("rect", { x: 1, y: 1, width: 10, height: 10, fill: "#000", stroke: "#888" }),
             svg("rect", { x: 11, y: 1, width: 10, height: 10, fill: "#fff", stroke: "#888" }));
    return g;
  };
  view.diagram_key.replaceChildren(
    legend_item(swatch(palette.positive), `${palette.positive_name}: a positive weight`),
    legend_item(swatch(palette.negative), `${palette.negative_name}: a negative weight`),
    legend_item(svg("polygon", { points: "1,5.5 21,2.5 21,9.5 1,6.5", fill: "#888" }), "thicker: a weight further from 0"),
    legend_item(shade_box(), key.shades),
  );
}

function draw_line(view, { signals, weighted, z }, width, font) {
  const { values, config } = view;
  const palette = config.palette, bias = values.bias;
  const steps = [0];
  for (const s of signals) steps.push(steps[steps.length - 1] + s);
  const limit = Math.ceil(Math.max(3, ...steps.map((v) => Math.abs(v) + 0.5), Math.abs(z) + 0.5, Math.abs(bias) + 0.5));
  const pad = 10, row = font + 11;
  const top = font + 10, rows = signals.length + 1;
  const y_row = (k) => top + 8 + k * row;
  const y_z = y_row(rows) + 2, y_firing = y_z + Math.round(1.4 * font) + 4, y_axis = y_firing + 8, height = y_axis + 2 * font + 22;
  const X = (v) => pad + (v + limit) / (2 * limit) * (width - 2 * pad);
  const nodes = [];
  // Two views of one rule: Σ w·a > −b (before the bias step) is the same as z > 0 (after it).
  nodes.push(svg("line", { x1: X(0), y1: top, x2: X(0), y2: y_axis, stroke: "#888", "stroke-width": 1 }));
  nodes.push(svg("line", { x1: X(-bias), y1: top, x2: X(-bias), y2: y_axis, stroke: view.config.palette.bias, "stroke-width": 1.5, "stroke-dasharray": "2 3" }));
  const pass = `Σ w·a must pass −b = ${ONE.signed(-bias)}`;
  const pass_x = clip(X(-bias), pad + textWidth(pass, font) / 2, width - pad - textWidth(pass, font) / 2);
  nodes.push(svg("text", { x: pass_x, y: font, "text-anchor": "middle", "font-size": font, fill: view.config.palette.bias }, pass));
  const labels = signals.map((v, k) => `w${k + 1}a${k + 1} = ${ONE.signed(v)}`).concat([`b = ${ONE.signed(bias)}`]);
  for (let k = 0; k < rows; k++) {
    const is_bias = k === rows - 1;
    const start = is_bias ? weighted : steps[k], end = is_bias ? z : steps[k + 1];
    const colour = is_bias ? view.config.palette.bias : NN.rgba(end >= start ? palette.positive : palette.negative, 0.9);
    const y = y_row(k);
    if (Math.abs(end - start) > 1e-9) {
      const x1 = X(start), x2 = X(end), head = Math.sign(x2 - x1) * Math.min(9, Math.abs(x2 - x1));
      nodes.push(svg("line", { x1, y1: y, x2: x2 - head * 0.6, y2: y, stroke: colour, "stroke-width": 3 }));
      nodes.push(svg("polygon", { points: `${x2},${y} ${x2 - head},${y - 5} ${x2 - head},${y + 5}`, fill: colour }));
    }
    // Beside the arrow, inside the frame: right of it when it ends left of 0.4 × the limit (as the plotly figure).
    const size = textWidth(labels[k], font);
    let on_right = Math.max(start, end) < 0.4 * limit;
    if (on_right && X(Math.max(start, end)) + 6 + size > width - pad) on_right = false;
    if (!on_right && X(Math.min(start, end)) - 6 - size < pad) on_right = true;
    nodes.push(svg("text", { x: on_right ? X(Math.max(start, end)) + 6 : X(Math.min(start, end)) - 6, y, "dominant-baseline": "middle",
                             "text-anchor": on_right ? "start" : "end", "font-size": font, fill: is_bias ? view.config.palette.bias : "currentColor",
                             class: "halo" }, labels[k]));
  }
  // ○ where the walk of the weighted inputs arrives (Σ w·a), at the end of their last row; the bias row starts below it
  nodes.push(svg("circle", { cx: X(weighted), cy: y_row(rows - 2), r: 5, fill: "none", stroke: view.config.palette.bias, "stroke-width": 2 }));
  const zx = X(z), d = 7;
  nodes.push(svg("polygon", { points: `${zx},${y_z - d} ${zx + d},${y_z} ${zx},${y_z + d} ${zx - d},${y_z}`, fill: view.config.palette.bias }));
  const z_label = `z = Σ w·a + b = ${ONE.signed(z)}`;
  const z_right = zx + 10 + textWidth(z_label, font) < width - pad;
  nodes.push(svg("text", { x: z_right ? zx + 10 : zx - 10, y: y_z, "text-anchor": z_right ? "start" : "end", "dominant-baseline": "middle",
                           "font-size": font, class: "halo strong" }, z_label));
  const firing = "z > 0: firing →";
  const firing_right = X(0) + 4 + textWidth(firing, font) < width - pad;
  nodes.push(svg("text", { x: firing_right ? X(0) + 4 : X(0) - 4, y: y_firing, "text-anchor": firing_right ? "start" : "end",
                           "font-size": font - 1, class: "muted" }, firing));
  axis(nodes, X, -limit, limit, y_axis, pad, width, font, "weighted sum, walked step by step");
  view.line.replaceChildren(...nodes);
  Object.assign(view.line.style, { width: `${width}px`, height: `${height}px` });
  view.line.setAttribute("viewBox", `0 0 ${width} ${height}`);
  view.line.setAttribute("aria-label", `A number line: the weighted sum Σ w·a = ${ONE.signed(weighted)}, plus the bias, arrives at z = ${ONE.signed(z)}`);
}

/** A horizontal axis at ``y`` from ``low`` to ``high``: ticks, numbers, title. */
function axis(nodes, X, low, high, y, pad, width, font, title) {
  const span = high - low, step = span <= 10 ? 1 : span <= 24 ? 2 : span <= 60 ? 5 : 10;
  nodes.push(svg("line", { x1: X(low), y1: y, x2: X(high), y2: y, stroke: "#999", "stroke-width": 1 }));
  const every = (width - 2 * pad) / (span / step) < 2.6 * font ? 2 : 1;  // no crowded numbers on a phone
  for (let k = 0, v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step, k++) {
    nodes.push(svg("line", { x1: X(v), y1: y, x2: X(v), y2: y + 4, stroke: "#999" }));
    if (k % every === 0 || Math.abs(v) < 1e-9) {
      nodes.push(svg("text", { x: X(v), y: y + font + 5, "text-anchor": "middle", "font-size": font - 1, class: "muted" }, ONE.number(v, step < 1 ? 1 : 0)));
    }
  }
  nodes.push(svg("text", { x: (X(low) + X(high)) / 2, y: y + 2 * font + 14, "text-anchor": "middle", "font-size": font, class: "muted" }, title));
}

function draw_curve(view, { weighted, a }, width, font) {
  const { values, config } = view;
  const activation = config.activation, f = (z) => ONE.squash(activation.name, z);
  const bias = values.bias, range = config.sum_range;
  const [low, high] = activation.axis;
  const no_bias = Math.abs(bias) < config.no_bias_below;  // then the two curves are one: show it once
  const left = 2 * font + 30, right = 12, top = 8, bottom = 2 * font + 26;
  const height = (config.large ? 300 : 250) + (font - 13) * 4;
  const X = (v) => left + (v + range) / (2 * range) * (width - left - right);
  const Y = (v) => top + (high - v) / (high - low) * (height - top - bottom);
  const nodes = [];
  const span = high - low, step = span <= 1.5 ? 0.5 : span <= 3 ? 0.5 : 2;
  for (let v = Math.ceil(low / step) * step; v <= high + 1e-9; v += step) {
    nodes.push(svg("line", { x1: X(-range), y1: Y(v), x2: X(range), y2: Y(v), stroke: "#e8e8e8" }));
    nodes.push(svg("text", { x: left - 6, y: Y(v), "text-anchor": "end", "dominant-baseline": "middle", "font-size": font - 1, class: "muted" },
                   ONE.number(v, Number.isInteger(step) ? 0 : 1)));
  }
  const clip_id = `one-curve-clip-${view.clip_id || (view.clip_id = Math.random().toString(36).slice(2))}`;
  const defs = svg("defs");
  const clip_path = svg("clipPath", { id: clip_id });
  clip_path.appendChild(svg("rect", { x: X(-range), y: top, width: X(range) - X(-range), height: Y(low) - top }));
  defs.appendChild(clip_path);
  nodes.push(defs);
  const trace = (shift) => {
    const points = [];
    for (let k = 0; k <= 240; k++) {
      const x = -range + (2 * range * k) / 240;
      points.push(`${X(x).toFixed(1)},${clip(Y(f(x + shift)), top - 50, height + 50).toFixed(1)}`);
    }
    return points.join(" ");
  };
  const curves = svg("g", { "clip-path": `url(#${clip_id})` });
  if (!no_bias) curves.appendChild(svg("polyline", { points: trace(0), fill: "none", stroke: "#bbb", "stroke-width": 1.5, "stroke-dasharray": "2 3" }));
  curves.appendChild(svg("polyline", { points: trace(bias), fill: "none", stroke: "currentColor", "stroke-width": 2.5 }));
  nodes.push(curves);
  const tx = X(clip(-bias, -range, range));
  nodes.push(svg("line", { x1: tx, y1: top, x2: tx, y2: Y(low), stroke: view.config.palette.threshold, "stroke-width": 1.5, "stroke-dasharray": "6 4" }));
  axis(nodes, X, -range, range, Y(low), 0, width - left - right, font, "weighted sum Σ w·a (before the bias)");
  const y_title = svg("text", { x: 0, y: 0, "text-anchor": "middle", "font-size": font, class: "muted",
                                transform: `translate(${font + 2},${(top + Y(low)) / 2}) rotate(-90)` },
                      `activation a = ${activation.symbol}(Σ w·a + b)`);
  nodes.push(y_title);
  // This neuron: at its Σ w·a, on the curve; a point beyond the frame sits on the edge as an arrow.
  const px = X(clip(weighted, -range, range)), py = Y(clip(a, low, high));
  const outside = Math.abs(weighted) > range || a > high || a < low;
  if (outside) {
    const dx = weighted > range ? 1 : weighted < -range ? -1 : 0, dy = a > high ? -1 : a < low ? 1 : 0;
    const angle = Math.atan2(dy, dx) * 180 / Math.PI;
    nodes.push(svg("polygon", { points: "9,0 -7,-7 -7,7", fill: config.palette.highlight, stroke: "#333", "stroke-width": 1.5,
                                transform: `translate(${px - dx * 8},${py - dy * 8}) rotate(${angle})` }));
    const note = `this neuron is off the chart: Σ w·a = ${ONE.signed(weighted)}, a = ${ONE.number(a, 3)}`;
    nodes.push(svg("text", { x: clip(px - dx * 20, left + textWidth(note, font - 1) / 2 + 2, width - right - textWidth(note, font - 1) / 2 - 2),
                             y: clip(py + (dy ? -dy * 22 : -14), top + font, Y(low) - 6), "text-anchor": "middle", "font-size": font - 1,
                             class: "halo" }, note));
  } else {
    nodes.push(svg("circle", { cx: px, cy: py, r: 7, fill: config.palette.highlight, stroke: "#333", "stroke-width": 1.5 }));
  }
  view.curve.replaceChildren(...nodes);
  Object.assign(view.curve.style, { width: `${width}px`, height: `${height}px` });
  view.curve.setAttribute("viewBox", `0 0 ${width} ${height}`);
  view.curve.setAttribute("aria-label", `The curve a = ${activation.symbol}(Σ w·a + b), moved by the bias; this neuron's point is at ` +
                          `Σ w·a = ${ONE.signed(weighted)}, a = ${ONE.number(a, 3)}`);

  const dotted = svg("line", { x1: 1, y1: 6, x2: 21, y2: 6, stroke: "#999", "stroke-width": 2, "stroke-dasharray": "2 3" });
  const solid = svg("line", { x1: 1, y1: 6, x2: 21, y2: 6, stroke: "currentColor", "stroke-width": 2.5 });
  const point = svg("circle", { cx: 11, cy: 6, r: 5, fill: config.palette.highlight, stroke: "#333", "stroke-width": 1.2 });
  const dash = svg("line", { x1: 11, y1: 0, x2: 11, y2: 12, stroke: view.config.palette.threshold, "stroke-width": 1.5, "stroke-dasharray": "3 2" });
  view.curve_key.replaceChildren(...[
    no_bias ? null : legend_item(dotted, "with b = 0"),
    legend_item(solid, no_bias ? "with b = 0" : `with b = ${ONE.signed(bias, 1)}`),
    legend_item(point, "this neuron"),
    legend_item(dash, `Σ w·a = −b = ${ONE.signed(-bias, 1)}`),
  ].filter(Boolean));
}

/** One render of the view (called by the view's small module; see ui/live/component.engine_and_view). */
function render(component) {
  return live_render(component, (root) => {
    root.querySelector(".one-live")?.remove();  // drawn by an older copy of this code
    return build(root);
  }, (view, { data, setTriggerValue }) => {
    ONE.counts.renders++;
    update(view, data, setTriggerValue);
  }, (view) => view.cleanup());
}
