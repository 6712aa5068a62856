// network_view/controls.js: the bias and weight sliders (a drag recomputes here; its end goes to Python),
// and pointing at a neuron (its activation on hover, a click chooses it).

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
  text(view.keys, "");
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
  return (value) => {
    view.dragging = change_from(view, kind, spec, value);
    view.last_change = { ...view.dragging, source_name: kind === "weight" ? view.data.weight_controls.source_name : null };
    recompute(view, false);
  };
}

function release(view, kind, spec) {
  return (value) => {
    const change = { ...change_from(view, kind, spec, value), id: ++view.release_id };
    view.dragging = null;
    view.last_change = { ...change, source_name: kind === "weight" ? view.data.weight_controls.source_name : null };
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
  text(el("div", "nv-caption nv-keys", view.controls),
       "Keys: Tab to a slider, then the arrow keys move it by 0.1, Home and End to its ends. The picture, " +
       "the bars and the accuracy follow each step.");
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

