// nn.js: the network's forward pass in the browser, and everything the live components share: one copy each.
//
// numpy (nn_core) is the truth; this is a copy of its arithmetic for drawing while a finger moves:
//   a^(0) = the 784 pixels,  z^(l) = W^(l) a^(l-1) + b^(l),  a^(l) = f(z^(l))
// with f the hidden activation (sigmoid, ReLU or tanh) and, at the output, softmax (for the
// cross-entropy cost) or sigmoid. W^(l) is stored row by row: W[l][j * n_in + i] = w_ji.
// Numbers are written as figures/numbers.py writes them (Python's rounding: exact ties to even).
// Browser tests compare every activation with nn_core.forward, and ``number``/``signed`` with
// figures/numbers.py (tests/browser/test_live_maths.py). Colours come from Python's data, never from here.
// No `export` here: component files are joined after this one and hold the module's export.

function nn_library(root) {
  const sigmoid = (z) => 1 / (1 + Math.exp(-z));
  /** The activations by name (nn_core.activations.ACTIVATIONS): the one map every live view uses. */
  const ACTIVATIONS = {
    sigmoid: sigmoid,
    relu: (z) => (z > 0 ? z : 0),
    tanh: Math.tanh,
  };

  /** Float32Array from base64 of little-endian float32 bytes (as ui/live/component.float32_base64 makes). */
  function float32(b64) {
    const bytes = bytes_of(b64);
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  }

  function bytes_of(b64) {
    const text = atob(b64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  /** The network {sizes, activation, softmax, W: [Float32Array], b: [Float32Array]} from its data. */
  function network_from(data) {
    const flat = float32(data.params);
    const W = [], b = [];
    let at = 0;
    for (let l = 1; l < data.sizes.length; l++) {
      const n_in = data.sizes[l - 1], n_out = data.sizes[l];
      W.push(flat.slice(at, at + n_in * n_out)); at += n_in * n_out;
      b.push(flat.slice(at, at + n_out)); at += n_out;
    }
    return { sizes: data.sizes, activation: data.activation, softmax: data.softmax, W, b };
  }

  /** A copy whose weights and biases can be edited without touching the cached, trained one. */
  function copy(net) {
    return { ...net, W: net.W.map((w) => w.slice()), b: net.b.map((v) => v.slice()) };
  }

  /** Apply edits {biases: [[l, j, b]], weights: [[l, j, scale, [[i, w], ...]]]} to a copy of ``trained``. */
  function edited(trained, edits) {
    const net = copy(trained);
    for (const [l, j, scale, overrides] of edits.weights || []) {
      const n_in = net.sizes[l - 1], row = j * n_in, source = trained.W[l - 1];
      for (let i = 0; i < n_in; i++) net.W[l - 1][row + i] = Math.fround(source[row + i] * scale);
      for (const [i, w] of overrides || []) net.W[l - 1][row + i] = w;
    }
    for (const [l, j, value] of edits.biases || []) net.b[l - 1][j] = value;
    return net;
  }

  /** z^(l) = W^(l) a^(l-1) + b^(l) for one layer (l = 1..L), as a Float64Array. */
  function z_of_layer(net, l, a) {
    return z_of_layer_into(net, l, a, new Float64Array(net.sizes[l]));
  }

  function z_of_layer_into(net, l, a, z) {
    const n_in = net.sizes[l - 1], n_out = net.sizes[l], W = net.W[l - 1], b = net.b[l - 1];
    for (let j = 0; j < n_out; j++) {
      let s = 0;
      const row = j * n_in;
      for (let i = 0; i < n_in; i++) s += W[row + i] * a[i];
      z[j] = s + b[j];
    }
    return z;
  }

  function squash(net, l, z) {
    return squash_into(net, l, z, new Float64Array(z.length));
  }

  /** a = f(z) into ``a`` (which may be z itself). */
  function squash_into(net, l, z, a) {
    if (l === net.sizes.length - 1) {
      if (net.softmax) {
        let top = -Infinity, sum = 0;
        for (const v of z) top = Math.max(top, v);
        for (let j = 0; j < z.length; j++) { a[j] = Math.exp(z[j] - top); sum += a[j]; }
        for (let j = 0; j < z.length; j++) a[j] /= sum;
      } else {
        for (let j = 0; j < z.length; j++) a[j] = sigmoid(z[j]);
      }
      return a;
    }
    const f = ACTIVATIONS[net.activation];
    for (let j = 0; j < z.length; j++) a[j] = f(z[j]);
    return a;
  }

  /** Every layer's activations a^(0) .. a^(L) for one input (784 numbers in 0..1). */
  function forward(net, input) {
    const activations = [Float64Array.from(input)];
    for (let l = 1; l < net.sizes.length; l++) {
      activations.push(squash(net, l, z_of_layer(net, l, activations[l - 1])));
    }
    return activations;
  }

  /** From layer ``l``'s activations on up: a^(L) for one example. */
  function forward_from(net, l, a) {
    for (let k = l + 1; k < net.sizes.length; k++) a = squash(net, k, z_of_layer(net, k, a));
    return a;
  }

  function argmax(values) {
    let best = 0;
    for (let j = 1; j < values.length; j++) if (values[j] > values[best]) best = j;
    return best;
  }

  /**
   * Scores a set of labelled digits (uint8 images, N x 784), fast while one layer is being edited.
   * An edit of layer l leaves a^(l-1) of every digit as it was, and a bias edit leaves W^(l) a^(l-1)
   * too: both are kept, keyed by the edits below l (``below``) and of layer l's weights apart from
   * the row being dragged (``weights_key``); that row (``row``, or -1) is recomputed every time.
   */
  function scorer(images, labels, count) {
    let feed_key = null, feed = null, products_key = null, products = null;
    function feeds(net, l) {
      const n = net.sizes[l - 1], out = new Float64Array(count * n), x = new Float64Array(784);
      for (let d = 0; d < count; d++) {
        for (let i = 0; i < 784; i++) x[i] = images[d * 784 + i] / 255;
        let a = x;
        for (let k = 1; k < l; k++) a = squash(net, k, z_of_layer(net, k, a));
        out.set(a, d * n);
      }
      return out;
    }
    function dot_row(net, l, j, d) {
      const n_in = net.sizes[l - 1], W = net.W[l - 1], row = j * n_in, base = d * n_in;
      let s = 0;
      for (let i = 0; i < n_in; i++) s += W[row + i] * feed[base + i];
      return s;
    }
    function all_products(net, l) {
      const n_out = net.sizes[l], out = new Float64Array(count * n_out);
      for (let d = 0; d < count; d++) for (let j = 0; j < n_out; j++) out[d * n_out + j] = dot_row(net, l, j, d);
      return out;
    }
    /** {accuracy, per_digit: [10], guesses: Int8Array} of ``net`` on the digits. */
    function score(net, l, below, weights_key, row) {
      if (feed_key !== `${l}|${below}`) { feed = feeds(net, l); feed_key = `${l}|${below}`; products_key = null; }
      if (products_key !== weights_key) { products = all_products(net, l); products_key = weights_key; }
      const L = net.sizes.length - 1, n_out = net.sizes[l], b = net.b[l - 1];
      // one buffer per layer, reused for every digit (no allocation in the loop)
      const buffers = net.sizes.map((n) => new Float64Array(n));
      const right = new Array(10).fill(0), seen = new Array(10).fill(0), guesses = new Int8Array(count);
      let correct = 0;
      for (let d = 0; d < count; d++) {
        const z = buffers[l];
        for (let j = 0; j < n_out; j++) z[j] = (j === row ? dot_row(net, l, j, d) : products[d * n_out + j]) + b[j];
        squash_into(net, l, z, z);
        for (let k = l + 1; k <= L; k++) {
          z_of_layer_into(net, k, buffers[k - 1], buffers[k]);
          squash_into(net, k, buffers[k], buffers[k]);
        }
        const guess = argmax(buffers[L]);
        guesses[d] = guess;
        seen[labels[d]]++;
        if (guess === labels[d]) { right[labels[d]]++; correct++; }
      }
      return { accuracy: correct / count, per_digit: right.map((r, k) => (seen[k] ? r / seen[k] : 0)), guesses };
    }
    return { score };
  }

  /** "rgba(r,g,b,o)" of an [r, g, b] colour. */
  const rgba = (rgb, opacity) => `rgba(${rgb[0]},${rgb[1]},${rgb[2]},${opacity.toFixed(3)})`;

  /** A grey level for an activation on the fixed shade range [low, high] (black .. white). */
  function shade(value, low, high) {
    const t = Math.min(1, Math.max(0, (value - low) / (high - low)));
    const g = Math.round(255 * t);
    return `rgb(${g},${g},${g})`;
  }

  /** |value| to ``digits`` decimals as Python's format(value, ".2f") writes it (exact ties go to even). */
  function fixed(value, digits) {
    const size = Math.abs(value);
    const scaled = size * 2 ** (digits + 1);  // exact: an exact tie is an odd multiple of 2^-(digits+1)
    if (!(Number.isInteger(scaled) && scaled % 2 === 1)) return size.toFixed(digits);  // toFixed is exact
    const below = Math.floor(size * 10 ** digits);  // exact for these small numbers
    return ((below % 2 === 0 ? below : below + 1) / 10 ** digits).toFixed(digits);
  }

  /** figures.numbers.number: '0.77', '−0.99': a true minus sign, and none on a value that rounds to 0. */
  function number(value, digits = 2) {
    const text = fixed(value, digits);
    return (value < 0 && Number(text) !== 0 ? "−" : "") + text;
  }

  /** figures.numbers.signed: '+1.20', '−0.45'; a value that rounds to 0 is '+0.00'. */
  function signed(value, digits = 2) {
    const text = fixed(value, digits);
    return (value < 0 && Number(text) !== 0 ? "−" : "+") + text;
  }

  /** A window-level cache that survives renders and reruns: big arrays arrive once per tab. */
  const store = (root.__nnLiveStore = root.__nnLiveStore || new Map());

  return { ACTIVATIONS, float32, bytes_of, network_from, copy, edited, z_of_layer, squash, forward, forward_from,
           argmax, scorer, rgba, shade, fixed, number, signed, store };
}

// -- DOM helpers the views share (outside nn_library: the scoring worker has no DOM) ---------------

function el(tag, className, parent) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (parent) parent.appendChild(node);
  return node;
}

function text(node, value) {
  // never markup: some texts come from a visitor (a file name); unchanged text is left alone (no relayout)
  if (node.textContent !== value) node.textContent = value;
  return node;
}

// -- words for a screen reader: what a live view shows now ------------------------------------------

const DESCRIBE_EVERY_MS = 1000;   // a drag may redraw 60 times a second: its words are said at most once a second

/** Hidden from the eye, not from a screen reader (the usual "visually hidden" rules, written once here). */
function visually_hidden(node) {
  Object.assign(node.style, { position: "absolute", width: "1px", height: "1px", margin: "-1px", padding: "0", border: "0",
                              overflow: "hidden", clip: "rect(0 0 0 0)", clipPath: "inset(50%)", whiteSpace: "nowrap" });
  return node;
}

/**
 * A polite live region in ``parent`` that says in words what the view shows (its ``node.id`` can describe the
 * picture). ``say(words)`` on every change: written at once if a second has passed since the last words, else
 * when that second is over, with the newest words. So a drag or a held key is heard at most once a second, and
 * the words once it has ended are always said last.
 */
function describer(parent) {
  const node = visually_hidden(el("p", "nn-description", parent));
  window.__nnDescribed = (window.__nnDescribed || 0) + 1;   // ids apart for every view on the page
  node.id = `nn-description-${window.__nnDescribed}`;
  node.setAttribute("aria-live", "polite");
  let last = -Infinity, timer = 0, wanted = "";
  const write = () => { timer = 0; last = performance.now(); text(node, wanted); };
  return {
    node,
    say(words) {
      wanted = words;
      if (timer) return;
      if (node.textContent === words) return;
      const wait = last + DESCRIBE_EVERY_MS - performance.now();
      if (wait <= 0) write(); else timer = setTimeout(write, wait);
    },
    stop() { clearTimeout(timer); timer = 0; },
  };
}

/** The visitor asked their system for less motion: animations jump to their end. */
function reduced_motion() {
  return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
}

const NN = nn_library(window);
window.nnLive = NN;  // for browser tests: the same functions the components use

// -- the lifecycle every live view keeps -----------------------------------------------------------

/**
 * One render of a live view: the view is made once for its element (``create(root)``) and kept on it;
 * every render hands it the component (``receive(view, component)``). Streamlit calls the cleanup this
 * returns when the element goes, and sometimes when a newer render overtook this one: the view is
 * stopped for good (``stop(view)``) only if its element has really left the page.
 */
function live_render(component, create, receive, stop) {
  const root = component.parentElement;
  const view = root.__nnLive || (root.__nnLive = create(root));
  receive(view, component);
  return () => setTimeout(() => { if (!root.isConnected) stop(view); }, 0);
}

/** ``draw(view)`` on the next animation frame, once however often it is asked for before then. */
function schedule_frame(view, draw) {
  if (view.frame) return;
  view.frame = requestAnimationFrame(() => { view.frame = 0; draw(view); });
}

/**
 * The test-accuracy scorer in a Web Worker of its own (made from this same library, no file fetched),
 * so a large network's rescoring never holds up the frames of a drag. ``on_score(result)`` gets each
 * answer; while one is being computed, only the newest request waits (older ones are dropped).
 */
function score_worker(on_score) {
  const source = `${nn_library.toString()}
    const NN = nn_library(self);
    let trained = null, scorer = null;
    onmessage = ({ data }) => {
      if (data.load) { trained = NN.network_from(data.load.network); scorer = NN.scorer(data.load.images, data.load.labels, data.load.labels.length); return; }
      const net = NN.edited(trained, data.edits), start = performance.now();
      const result = scorer.score(net, data.layer, data.below, data.weights_key, data.row);
      postMessage({ id: data.id, ms: performance.now() - start, accuracy: result.accuracy, per_digit: result.per_digit });
    };`;
  const url = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  const worker = new Worker(url);
  URL.revokeObjectURL(url);
  let busy = false, waiting = null, next_id = 0;
  worker.onmessage = ({ data }) => {
    busy = false;
    on_score(data);
    if (waiting) { const request = waiting; waiting = null; send(request); }
  };
  function send(request) { busy = true; worker.postMessage(request); }
  return {
    load(network_data, images, labels) { worker.postMessage({ load: { network: network_data, images, labels } }); },
    request(request) {
      const message = { ...request, id: ++next_id };
      if (busy) waiting = message; else send(message);
      return message.id;
    },
    stop() { worker.terminate(); },
  };
}
