// network_view/description.js: the network view in words, for a screen reader. The canvas is a picture
// (role img) named by what it draws; a polite live region under it says what the picture shows now, from
// the same numbers the canvas and the bars draw, with their rounding: which output is brightest and its
// activation (2 decimals, as the bars), the learner's last change (as its slider shows it), and the test
// accuracy when the view shows one (1 decimal, as the metric). Said at most once a second (nn.js's describer).

/** The picture's name: what the canvas draws, layer by layer. */
function picture_name(view) {
  const names = view.data.texts.layer_names, sizes = view.trained.sizes;
  const layers = names.slice(1).map((name, k) => `${name} (${sizes[k + 1]} neurons)`).join(", ");
  return `The network, layer by layer: the input image (${sizes[0]} pixels), ${layers}. ` +
    "Each neuron is shaded by its activation, each connection coloured by its weight.";
}

/** "neuron 4 of hidden 1", or "output 3" for the last layer. */
function neuron_words(view, layer, neuron) {
  const L = view.trained.sizes.length - 1, name = view.data.texts.layer_names[layer];
  return layer === L ? `output ${neuron}` : `neuron ${neuron} of ${name}`;
}

/** The learner's last change, while it is still in force (a Reset, a preset or a link may have undone it). */
function last_change(view) {
  const c = view.last_change;
  if (!c) return null;
  const { layer, neuron } = c, net = view.net;
  const now = c.kind === "bias" ? net.b[layer - 1][neuron]
    : c.kind === "weight" ? net.W[layer - 1][neuron * net.sizes[layer - 1] + c.source]
    : (view.edits.weights.find(([l, j]) => l === layer && j === neuron) || [0, 0, 1])[2];
  if (Math.abs(now - c.value) > 1e-6) view.last_change = null;
  return view.last_change;
}

/** What the learner changed last, as its slider shows it ("" before any change). */
function change_words(view) {
  const c = last_change(view);
  if (!c) return "";
  const who = neuron_words(view, c.layer, c.neuron);
  if (c.kind === "bias") return `You moved the bias of ${who} to ${NN.number(c.value, 1)}.`;
  if (c.kind === "scale") return `You scaled the incoming weights of ${who} by ${NN.number(c.value, 2)}.`;
  return `You set the weight from ${c.source_name} into ${who} to ${NN.number(c.value, 2)}.`;
}

function output_words(view) {
  const L = view.trained.sizes.length - 1, step = current_step(view);
  if (step.at !== null && step.at < L) {
    return `The signal has reached ${step.at === 0 ? "the input" : view.data.texts.layer_names[step.at]}; ` +
      "the later layers are not computed yet.";
  }
  const output = view.activations[L], answer = NN.argmax(output);
  return `Output ${answer} is the brightest, ${output[answer].toFixed(2)}: the network reads ${answer}.`;
}

function accuracy_words(view) {
  if (!view.data.panels.accuracy) return "";
  const score = view.dragging || view.pending.length ? view.score : view.data.scores;
  return score ? `Test accuracy ${(100 * score.accuracy).toFixed(1)}%.` : "Test accuracy: being measured again.";
}

/** The words for the view as it is now, and the picture's name. */
function describe(view) {
  if (!view.data || !view.activations) return;
  const name = picture_name(view);
  if (view.canvas.getAttribute("aria-label") !== name) view.canvas.setAttribute("aria-label", name);
  const words = [output_words(view), change_words(view), accuracy_words(view)].filter(Boolean).join(" ");
  view.description.say(words);
}
