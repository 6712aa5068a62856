// network_view/panels.js: the output bars and the test accuracy, plain HTML redrawn in place.

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
  text(m.note, `Trained: ${(100 * trained.accuracy).toFixed(1)}%. Measured again on every change, while you drag.`);
  const colours = score.per_digit.map((now, k) => {
    const drop = trained.per_digit[k] - now;
    return drop > 0.05 ? NN.rgba(d.palette.negative, 1) : drop < -0.05 ? NN.rgba(d.palette.positive, 1) : "#7f8c8d";
  });
  bar_row(box.__digits, score.per_digit, {
    colours, reference: trained.per_digit, format: (v) => `${Math.round(100 * v)}%`,
    labels: [...Array(10).keys()].map(String), marked: null, caption: d.texts.per_digit,
  });
}

