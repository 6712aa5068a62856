// network_view/flow.js: "signal has reached" and "play the pass" on Inside: the signal travels layer by
// layer, played here in the browser (no server ticks).

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
  play.title = "Watch the signal travel from the input to the answer, one layer at a time" +
    (reduced_motion() ? " (your system asks for less motion: it jumps to the answer)" : "");
  play.addEventListener("click", () => play_pass(view));
  view.play_button = play;
  const edges = { min: 1, max: 30, step: 1, value: d.input_edges, name: "Connections drawn from the image into each first-layer neuron",
                  help: "The strongest signals w·a; the image has 784 connections into every first-layer neuron" };
  const s = slider(view.flow, edges, (v) => { d.input_edges = v; schedule(view); }, (v) => view.send("edges", v));
  s.kind = "edges";
  text(s.value, String(d.input_edges));
  s.input.addEventListener("input", () => text(s.value, s.input.value));
  view.edges_slider = s;
  text(view.keys, "Keys: Tab to a step or to Play and press Enter or Space; the arrow keys move the slider. To choose " +
       "a neuron without pointing, use the Layer and Neuron boxes under the picture.");
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

/** The signal reaches layer ``at``: its edges brighten and its neurons fade in over ~0.5 s (at once for less motion). */
function animate_layer(view, at, done) {
  cancelAnimationFrame(view.animation || 0);
  if (at === null || at === 0 || reduced_motion()) { view.playing = null; view.step = at; schedule(view); mark_steps(view); if (done) done(); return; }
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
  clearTimeout(view.timer);
  if (reduced_motion()) {   // less motion: the pass's end at once, as it is when played (the signal at the output)
    view.playing = null;
    view.step = L;
    schedule(view);
    mark_steps(view);
    view.send("step", L);
    return;
  }
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

