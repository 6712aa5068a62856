// drawing_pad.js: the Draw page's drawing pad (joined after nn.js; see ui/pages/draw/pad.py).
//
// A 280x280 pad drawn with Pointer Events (mouse, finger, pen; pressure ignored): white ink on
// black, round brush, undo, clear, brush width. While a stroke is drawn, every frame the pad's
// pixels are read the way nn_core.drawing reads a drawing (READING below: one small function per
// step) and the network runs here (NN.forward), so the answer and the bars move during the stroke.
// The keyboard draws too (KEYS below): Space puts a pen down or lifts it, the arrow keys move it.
// When the stroke ends (and after undo or clear) the drawing goes to Python once (the "drawing"
// trigger: the pad's pixels as a PNG, and its strokes); nn_core reads the pixels again and its
// answer, the one every page uses, comes back in the next render's data and is shown.
// A browser test compares READING with nn_core.drawing on 200 drawings (tests/browser/test_draw_pad.py).
// Text is written with textContent only.

// -- reading a drawing, as nn_core/drawing.py does -----------------------------------------------

const READING = (() => {
  const SIDE = 28, BOX = 20, CENTRE = 14.0, INK_THRESHOLD = 0.1, MIN_CONTRAST = 0.15;

  /** Python's round(): halves go to the even neighbour (round(2.5) == 2). */
  function round_half_even(x) {
    const below = Math.floor(x), rest = x - below;
    if (rest > 0.5) return below + 1;
    if (rest < 0.5) return below;
    return below % 2 === 0 ? below : below + 1;
  }

  /** np.median: the middle value, or the mean of the two middle ones. */
  function median(values) {
    const sorted = Float64Array.from(values).sort();
    const half = sorted.length >> 1;
    return sorted.length % 2 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
  }

  /** The outermost ring of pixels, in drawing.py's order (top row, bottom row, left column, right column). */
  function border(image, height, width) {
    const ring = [];
    for (let c = 0; c < width; c++) ring.push(image[c]);
    for (let c = 0; c < width; c++) ring.push(image[(height - 1) * width + c]);
    for (let r = 1; r < height - 1; r++) ring.push(image[r * width]);
    for (let r = 1; r < height - 1; r++) ring.push(image[r * width + width - 1]);
    return ring;
  }

  // Two pad-sized work arrays, reused: a stroke reads the pad ~60 times a second, and fresh
  // 78,400-number arrays each time kept the garbage collector busy.
  const scratch = {};
  function buffer(name, length) {
    if (!scratch[name] || scratch[name].length !== length) scratch[name] = new Float64Array(length);
    return scratch[name];
  }

  /** ink_of for an opaque RGBA image: luminance 0..1, flipped when the border (the paper) is light. */
  function ink_of(rgba, height, width) {
    const gray = buffer("gray", height * width);
    for (let i = 0; i < gray.length; i++) {
      gray[i] = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
    }
    const inverted = median(border(gray, height, width)) > 0.5;
    if (inverted) for (let i = 0; i < gray.length; i++) gray[i] = 1 - gray[i];
    return { ink: gray, inverted };
  }

  /** Background to 0 and the strongest ink to 1, faint ink (< 0.1) to 0; null if there is no real ink. */
  function normalise_contrast(ink, height, width) {
    const background = Math.min(height, width) > 2 ? median(border(ink, height, width)) : 0;
    let peak = -Infinity;
    for (const v of ink) peak = Math.max(peak, v);
    if (peak - background < MIN_CONTRAST) return null;
    const clean = buffer("clean", ink.length), range = peak - background;
    for (let i = 0; i < ink.length; i++) {
      const v = (ink[i] - background) / range;   // clipped to 0..1, and below the threshold to 0
      clean[i] = v < INK_THRESHOLD ? 0 : v > 1 ? 1 : v;
    }
    return clean;
  }

  /** [top, bottom, left, right] (bottom and right exclusive) of the nonzero pixels; null if none. */
  function ink_box(clean, height, width) {
    let top = height, bottom = -1, left = width, right = -1;
    for (let r = 0; r < height; r++) {
      for (let c = 0; c < width; c++) {
        if (clean[r * width + c] === 0) continue;
        if (r < top) top = r;
        bottom = r;
        if (c < left) left = c;
        if (c > right) right = c;
      }
    }
    return bottom < 0 ? null : [top, bottom + 1, left, right + 1];
  }

  function crop(clean, width, [top, bottom, left, right]) {
    const h = bottom - top, w = right - left, out = new Float64Array(h * w);
    for (let r = 0; r < h; r++) out.set(clean.subarray((top + r) * width + left, (top + r) * width + right), r * w);
    return { pixels: out, height: h, width: w };
  }

  /** imaging.resample_matrix: a triangle filter, widened by the reduction factor when shrinking; rows sum to 1. */
  function resample_matrix(size_in, size_out) {
    const scale = size_in / size_out, support = Math.max(scale, 1.0), rows = [];
    for (let o = 0; o < size_out; o++) {
      const centre = (o + 0.5) * scale, row = new Float64Array(size_in);
      let sum = 0;
      for (let i = 0; i < size_in; i++) {
        row[i] = Math.max(0, 1 - Math.abs(i + 0.5 - centre) / support);
        sum += row[i];
      }
      for (let i = 0; i < size_in; i++) row[i] /= sum;
      rows.push(row);
    }
    return rows;
  }

  /** imaging.resize: rows @ image @ cols.T (each output pixel a weighted mean of its neighbourhood). */
  function resize(image, new_height, new_width) {
    const { pixels, height, width } = image;
    const rows = resample_matrix(height, new_height), cols = resample_matrix(width, new_width);
    const tall = new Float64Array(new_height * width);   // rows @ image
    for (let o = 0; o < new_height; o++) {
      const weights = rows[o];
      for (let r = 0; r < height; r++) {
        const w = weights[r];
        if (w === 0) continue;
        for (let c = 0; c < width; c++) tall[o * width + c] += w * pixels[r * width + c];
      }
    }
    const out = new Float64Array(new_height * new_width);  // ... @ cols.T
    for (let o = 0; o < new_height; o++) {
      for (let k = 0; k < new_width; k++) {
        const weights = cols[k];
        let s = 0;
        for (let c = 0; c < width; c++) s += weights[c] * tall[o * width + c];
        out[o * new_width + k] = s;
      }
    }
    return { pixels: out, height: new_height, width: new_width };
  }

  /** The cropped ink scaled so its longest side is 20 px, clipped to 0..1, its brightest pixel made 1. */
  function scaled_to_box(cropped) {
    const longest = Math.max(cropped.height, cropped.width);
    const new_height = Math.max(1, round_half_even(BOX * cropped.height / longest));
    const new_width = Math.max(1, round_half_even(BOX * cropped.width / longest));
    const scaled = resize(cropped, new_height, new_width), pixels = scaled.pixels;
    let top = 0;
    for (let i = 0; i < pixels.length; i++) { pixels[i] = Math.min(1, Math.max(0, pixels[i])); top = Math.max(top, pixels[i]); }
    if (top > 0) for (let i = 0; i < pixels.length; i++) pixels[i] /= top;
    return scaled;
  }

  /** imaging.centre_of_mass: [row, column] of the ink; the middle if there is none. */
  function centre_of_mass(frame, side) {
    let total = 0, rows = 0, cols = 0;
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const v = frame[r * side + c];
        total += v; rows += v * r; cols += v * c;
      }
    }
    return total > 0 ? [rows / total, cols / total] : [(side - 1) / 2, (side - 1) / 2];
  }

  /** imaging.shift_image: moved by whole pixels, filled with 0; what leaves the frame is lost. */
  function shift_image(frame, side, dy, dx) {
    const out = new Float64Array(side * side);
    for (let r = 0; r < side; r++) {
      for (let c = 0; c < side; c++) {
        const rr = r + dy, cc = c + dx;
        if (rr >= 0 && rr < side && cc >= 0 && cc < side) out[rr * side + cc] = frame[r * side + c];
      }
    }
    return out;
  }

  const clip = (v, low, high) => Math.min(high, Math.max(low, v));

  /** drawing._centre: the scaled digit in 28x28, its centre of mass moved to (14, 14) by whole pixels. */
  function centre(scaled) {
    const { pixels, height, width } = scaled;
    const frame = new Float64Array(SIDE * SIDE), top = (SIDE - height) >> 1, left = (SIDE - width) >> 1;
    for (let r = 0; r < height; r++) frame.set(pixels.subarray(r * width, (r + 1) * width), (top + r) * SIDE + left);
    const [row, col] = centre_of_mass(frame, SIDE);
    const dy = clip(round_half_even(CENTRE - row), -top, SIDE - top - height);
    const dx = clip(round_half_even(CENTRE - col), -left, SIDE - left - width);
    return { centred: shift_image(frame, SIDE, dy, dx), shift: [dy, dx] };
  }

  /** read_drawing for an opaque RGBA image (the pad's pixels): {empty, inputs (784), inverted, box, shift}. */
  function read_drawing(rgba, height, width) {
    const { ink, inverted } = ink_of(rgba, height, width);
    const clean = normalise_contrast(ink, height, width);
    const box = clean && ink_box(clean, height, width);
    if (!box) return { empty: true, inputs: null, inverted };
    const { centred, shift } = centre(scaled_to_box(crop(clean, width, box)));
    return { empty: false, inputs: centred, inverted, box, shift };
  }

  return { round_half_even, median, border, ink_of, normalise_contrast, ink_box, crop, resample_matrix, resize,
           scaled_to_box, centre_of_mass, shift_image, centre, read_drawing };
})();

// -- painting strokes ------------------------------------------------------------------------------

const PAD = 280;   // the pad's own pixels (pad_values.PAD_SIZE), whatever its size on screen
const INK = "#ffffff", PAPER = "#000000";

function pad_canvas() {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = PAD;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  return { canvas, ctx };
}

/** One stroke [width, x0, y0, x1, y1, ...]: a round brush through its points (a dot if it has one). */
function paint_stroke(ctx, stroke) {
  const width = stroke[0];
  ctx.fillStyle = ctx.strokeStyle = INK;
  ctx.lineWidth = width;
  ctx.lineCap = ctx.lineJoin = "round";
  ctx.beginPath();
  if (stroke.length <= 3) {
    ctx.arc(stroke[1], stroke[2], width / 2, 0, 2 * Math.PI);
    ctx.fill();
    return;
  }
  ctx.moveTo(stroke[1], stroke[2]);
  for (let k = 3; k < stroke.length; k += 2) ctx.lineTo(stroke[k], stroke[k + 1]);
  ctx.stroke();
}

function paint(ctx, strokes) {
  ctx.fillStyle = PAPER;
  ctx.fillRect(0, 0, PAD, PAD);
  for (const stroke of strokes) paint_stroke(ctx, stroke);
}

/** The pad's pixels read as the network's 784 inputs (the same path for the pad and for the tests). */
function read_pad(ctx) {
  return READING.read_drawing(ctx.getImageData(0, 0, PAD, PAD).data, PAD, PAD);
}

/** The pad's pixels as base64 PNG (what Python reads again). */
function pad_png(canvas) {
  return canvas.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
}

// -- the view -------------------------------------------------------------------------------------

const MAX_POINTS = 20000, MAX_STROKES = 200;   // ui/pages/draw/pad_values.py refuses more; a digit needs a few hundred

function button(parent, label, title, action) {
  const b = text(el("button", "pad-button", parent), label);
  b.type = "button";
  b.title = title;
  b.addEventListener("click", action);
  return b;
}

function create_view(root) {
  const view = {
    root, strokes: [], current: null, pointer: null, width: 20, width_sent: null, seq: 0, sent: 0,
    data: null, send: null, net: null, live: null, frame: 0, adopted: false,
    stats: { updates: [], strokes: [], answers: [], renders: 0 },
  };
  const frame = el("div", "pad-frame", root);   // the container the layout adapts to (see drawing_pad.css)
  const box = el("div", "pad-live", frame);
  view.box = box;
  const area = el("div", "pad-area", box);   // the pad, and the keyboard's pen over it
  const { canvas, ctx } = pad_canvas();
  canvas.className = "pad";
  // a pad that takes keys (role application: a screen reader passes the arrow keys and Space to it)
  canvas.setAttribute("role", "application");
  canvas.setAttribute("aria-roledescription", "drawing pad");
  canvas.setAttribute("aria-label", "Drawing pad: draw a digit with a mouse, a finger, a pen or the keys");
  canvas.tabIndex = 0;
  area.appendChild(canvas);
  view.pen = el("div", "pad-pen", area);
  view.pen.setAttribute("aria-hidden", "true");
  view.canvas = canvas;
  view.ctx = ctx;
  view.committed = pad_canvas();   // the finished strokes, so a frame only paints the stroke being drawn
  const tools = el("div", "pad-tools", box);
  view.undo = button(tools, "↶ Undo", "Take back the last stroke", () => undo(view));
  view.clear = button(tools, "✕ Clear", "Empty the pad", () => clear(view));
  const brush = el("label", "pad-brush", tools);
  text(el("span", "pad-brush-name", brush), "Brush");
  view.brush = el("input", "", brush);
  Object.assign(view.brush, { type: "range", min: 6, max: 40, step: 1 });
  view.brush_value = el("span", "pad-brush-value", brush);
  view.brush.addEventListener("input", () => { view.width = Number(view.brush.value); show_width(view); });
  view.brush.addEventListener("change", () => {
    view.width_sent = view.width;
    if (view.send) view.send("width", view.width);
  });

  const keys = text(el("p", "pad-keys", tools), KEYS_HELP);

  const head = el("div", "pad-head", box);
  view.digit = el("div", "pad-digit", head);   // the answer, big (the sentence and the description say it in words)
  const seen = el("figure", "pad-seen", head);
  view.seen = el("canvas", "pad-seen-image", seen);
  view.seen.width = view.seen.height = 28;
  const caption = el("figcaption", "", seen);
  text(el("span", "pad-seen-long", caption), "what the network sees: ");
  text(el("span", "", caption), "28x28");
  const words = el("div", "pad-words", box);
  view.sentence = el("p", "pad-sentence", words);
  view.status = el("p", "pad-status", words);
  view.description = describer(words);
  keys.id = `${view.description.node.id}-keys`;
  canvas.setAttribute("aria-describedby", `${view.description.node.id} ${keys.id}`);
  view.bars = el("div", "pad-bars", box);
  view.bar_parts = [...Array(10).keys()].map((k) => {
    const column = el("div", "pad-column", view.bars);
    const value = el("div", "pad-value", column);
    const track = el("div", "pad-track", column);
    const fill = el("div", "pad-fill", track);
    text(el("div", "pad-label", column), String(k));
    return { value, fill };
  });

  canvas.addEventListener("pointerdown", (e) => stroke_starts(view, e));
  canvas.addEventListener("pointermove", (e) => stroke_moves(view, e));
  for (const name of ["pointerup", "pointercancel", "lostpointercapture"]) canvas.addEventListener(name, (e) => stroke_ends(view, e));
  canvas.addEventListener("contextmenu", (e) => e.preventDefault());
  canvas.addEventListener("keydown", (e) => key_pressed(view, e));
  canvas.addEventListener("focus", () => show_pen(view));
  canvas.addEventListener("blur", () => { if (view.pen_down) pen_lifts(view); show_pen(view); });
  PADS.views.push(view);
  PADS.view = view;
  return view;
}

function show_width(view) {
  if (Number(view.brush.value) !== view.width) view.brush.value = String(view.width);
  text(view.brush_value, `${view.width} px`);
}

// -- strokes ------------------------------------------------------------------------------------

function point_of(view, event) {
  const rect = view.canvas.getBoundingClientRect();
  const x = ((event.clientX - rect.left) * PAD) / rect.width, y = ((event.clientY - rect.top) * PAD) / rect.height;
  const tenth = (v) => Math.round(10 * Math.min(PAD, Math.max(0, v))) / 10;
  return [tenth(x), tenth(y)];
}

function point_count(view) {
  return view.strokes.reduce((n, s) => n + (s.length - 1) / 2, 0) + (view.current ? (view.current.length - 1) / 2 : 0);
}

function stroke_starts(view, event) {
  if (view.pointer !== null || view.pen_down || (event.pointerType === "mouse" && event.button !== 0)) return;
  if (view.strokes.length >= MAX_STROKES || point_count(view) >= MAX_POINTS) { say_full(view); return; }
  event.preventDefault();
  try { view.canvas.setPointerCapture(event.pointerId); } catch { /* a pointer that is already gone: draw anyway */ }
  view.pointer = event.pointerId;
  view.current = [view.width, ...point_of(view, event)];
  view.stats.strokes.push({ down: performance.now(), kind: event.pointerType, updates: 0 });
  schedule(view);
}

function stroke_moves(view, event) {
  if (event.pointerId !== view.pointer || !view.current) return;
  event.preventDefault();
  const events = event.getCoalescedEvents ? event.getCoalescedEvents() : [event];
  for (const e of events.length ? events : [event]) add_point(view, point_of(view, e), 1);
  schedule(view);
}

/** Keep a point 1 px or more from the last one kept (``least``: 0 keeps the stroke's last point). */
function add_point(view, [x, y], least) {
  const s = view.current, n = s.length;
  if (Math.hypot(x - s[n - 2], y - s[n - 1]) < least || (x === s[n - 2] && y === s[n - 1])) return;
  if (point_count(view) >= MAX_POINTS) return;
  s.push(x, y);
}

function stroke_ends(view, event) {
  if (event.pointerId !== view.pointer || !view.current) return;
  if (event.type !== "lostpointercapture") add_point(view, point_of(view, event), 0);
  view.pointer = null;
  finish_stroke(view);
}

function finish_stroke(view) {
  view.strokes.push(view.current);
  view.current = null;
  const stroke = view.stats.strokes.at(-1);
  if (stroke) stroke.up = performance.now();
  commit(view);
  drawing_changed(view);
}

// -- the keyboard's pen: the same strokes, drawn with keys ------------------------------------------

const KEY_STEP = 10, KEY_LEAP = 40;   // pad pixels an arrow key moves the pen (with Shift: a leap)
const KEYS_HELP = "Keys: on the pad, Space puts the pen down or lifts it; the arrow keys move it (Shift: further).";
const MOVES = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

function key_pressed(view, event) {
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const move = MOVES[event.key];
  if (move) {
    event.preventDefault();
    const step = event.shiftKey ? KEY_LEAP : KEY_STEP;
    const [x, y] = view.pen_at || [PAD / 2, PAD / 2];
    view.pen_at = [Math.min(PAD, Math.max(0, x + move[0] * step)), Math.min(PAD, Math.max(0, y + move[1] * step))];
    if (view.pen_down && view.current) { add_point(view, view.pen_at, 0); schedule(view); }
    show_pen(view);
  } else if (event.key === " " || event.key === "Enter") {
    event.preventDefault();
    if (view.pen_down) pen_lifts(view); else pen_goes_down(view);
  } else if (event.key === "Escape" && view.pen_down) {
    pen_lifts(view);
  }
}

function pen_goes_down(view) {
  if (view.pointer !== null || view.current) return;   // a finger is drawing
  if (view.strokes.length >= MAX_STROKES || point_count(view) >= MAX_POINTS) { say_full(view); return; }
  view.pen_at = view.pen_at || [PAD / 2, PAD / 2];
  view.pen_down = true;
  view.current = [view.width, ...view.pen_at];
  view.stats.strokes.push({ down: performance.now(), kind: "keyboard", updates: 0 });
  show_pen(view);
  schedule(view);
}

function pen_lifts(view) {
  view.pen_down = false;
  show_pen(view);
  if (view.current) finish_stroke(view);
}

/** The pen's ring over the pad while the pad has the keyboard's focus: dashed when up, solid when down. */
function show_pen(view) {
  const focused = view.canvas.matches(":focus-visible");
  const [x, y] = view.pen_at || [PAD / 2, PAD / 2], scale = view.canvas.clientWidth / PAD || 1;
  const side = Math.max(10, view.width * scale);
  view.pen.classList.toggle("pad-pen-down", Boolean(view.pen_down));
  Object.assign(view.pen.style, { display: focused ? "block" : "none", width: `${side}px`, height: `${side}px`,
                                  transform: `translate(${x * scale - side / 2}px, ${y * scale - side / 2}px)` });
}

function undo(view) {
  if (view.current || !view.strokes.length) return;
  view.strokes.pop();
  commit(view);
  drawing_changed(view);
}

function clear(view) {
  if (view.current || !view.strokes.length) return;
  view.strokes = [];
  commit(view);
  drawing_changed(view);
}

/** Paint every finished stroke again, from scratch: the pad's pixels are always those of its strokes. */
function commit(view) {
  paint(view.committed.ctx, view.strokes);
  view.ctx.drawImage(view.committed.canvas, 0, 0);
}

/** The drawing changed for good (a stroke ended, undo, clear): read it, and send it to Python once. */
function drawing_changed(view) {
  update(view);
  view.seq += 1;
  view.sent = view.seq;
  const stroke = view.stats.strokes.at(-1);
  if (stroke && stroke.up && !stroke.seq) stroke.seq = view.seq;
  if (view.send) {
    view.send("drawing", { seq: view.seq, image: pad_png(view.canvas), strokes: view.strokes.map((s) => s.slice()),
                           width: view.width });
  }
  draw_answer(view);
}

function say_full(view) {
  text(view.status, view.data.texts.full);
}

// -- every frame of a stroke: read the pad, run the network, show the answer ----------------------

function schedule(view) {
  schedule_frame(view, redraw);
}

function redraw(view) {
  if (view.current) {
    view.ctx.drawImage(view.committed.canvas, 0, 0);
    paint_stroke(view.ctx, view.current);
  }
  update(view);
  draw_answer(view);
}

/** The browser's own reading and answer for the pad as it is now. */
function update(view) {
  const start = performance.now();
  const reading = read_pad(view.ctx);
  if (reading.empty || !view.net) {
    view.live = reading.empty ? null : { inputs: reading.inputs, output: null };
  } else {
    const output = NN.forward(view.net, reading.inputs).at(-1);
    view.live = { inputs: reading.inputs, output, answer: NN.argmax(output) };
  }
  const now = performance.now(), stroke = view.stats.strokes.at(-1);
  const during = Boolean(view.current);
  if (during && stroke) stroke.updates++;
  view.stats.updates.push({ t: now, ms: now - start, during, answer: view.live && view.live.output ? view.live.answer : null });
  if (view.stats.updates.length > 3000) view.stats.updates.splice(0, 1000);
}

/** Which answer to show: Python's (nn_core) once it holds this very drawing, else the browser's. */
function shown_answer(view) {
  const python = view.data && view.data.answer;
  if (python && !view.current && python.seq === view.sent) return { from: "python", ...python };
  if (view.live && view.live.output) {
    const refused = !view.current && view.data && view.data.ack === view.sent;   // answered, but not with this drawing
    return { from: view.current ? "live" : refused ? "refused" : "waiting", output: view.live.output, answer: view.live.answer };
  }
  return null;
}

function draw_answer(view) {
  const d = view.data, shown = shown_answer(view);
  view.undo.disabled = view.clear.disabled = !view.strokes.length;
  view.box.dataset.source = shown ? shown.from : "none";
  draw_seen(view, view.live ? view.live.inputs : null);
  view.description.say(pad_words(view, shown));
  if (!shown) {
    text(view.digit, "");
    text(view.sentence, view.live && !view.net ? d.texts.loading : d.texts.prompt);
    text(view.status, "");
    view.bars.classList.add("pad-empty");
    for (const part of view.bar_parts) { text(part.value, ""); part.fill.style.height = "0%"; }
    return;
  }
  view.bars.classList.remove("pad-empty");
  text(view.digit, String(shown.answer));
  if (shown.from === "python") {
    view.sentence.replaceChildren();
    text(el("strong", "", view.sentence), `The network says ${shown.answer}`);
    view.sentence.append(` — ${shown.words}.`);
    if (view.stats.answers.at(-1)?.seq !== shown.seq) view.stats.answers.push({ seq: shown.seq, t: performance.now() });
  } else {
    text(view.sentence, `So far the network says ${shown.answer}.`);
  }
  text(view.status, d.texts[shown.from]);
  shown.output.forEach((v, k) => {
    const part = view.bar_parts[k];
    text(part.value, v.toFixed(2));
    part.fill.style.height = `${(100 * Math.min(1, Math.max(0, v))).toFixed(1)}%`;
    part.fill.style.background = k === shown.answer ? d.palette.answer : d.palette.other;
  });
}

/** The pad in words, with the numbers the bars show (2 decimals): said at most once a second (nn.js). */
function pad_words(view, shown) {
  if (!shown) return view.live && !view.net ? view.data.texts.loading : "The pad is empty.";
  const value = shown.output[shown.answer].toFixed(2);
  return `The network reads ${shown.answer}, ${value}` + (shown.from === "python" ? "." : " so far.");
}

function draw_seen(view, inputs) {
  const ctx = view.seen.getContext("2d"), image = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const g = inputs ? Math.round(255 * inputs[i]) : 0;
    image.data[4 * i] = image.data[4 * i + 1] = image.data[4 * i + 2] = g;
    image.data[4 * i + 3] = 255;
  }
  ctx.putImageData(image, 0, 0);
}

// -- data from Python -------------------------------------------------------------------------------

/** Strokes as Python kept them (checked there), painted on the pad. */
function adopt(view, strokes) {
  view.strokes = (strokes || []).map((s) => s.slice());
  commit(view);
  update(view);
}

function receive(view, data, setTriggerValue) {
  view.data = data;
  view.send = setTriggerValue;
  view.stats.renders++;
  if (data.network) NN.store.set(data.model, { net: NN.network_from(data.network), layout: data.network.layout, raw: data.network });
  const model = NN.store.get(data.model);
  if (!model) setTriggerValue("missing", [data.model]);   // a reload lost the cache: one rerun brings it
  const net = model ? model.net : null;
  if (view.width_sent === null || data.width === view.width_sent) {
    view.width_sent = null;
    if (!view.current) view.width = data.width;
  }
  show_width(view);
  view.box.classList.toggle("pad-large", Boolean(data.large));
  if (!view.adopted) {
    // a new pad on the page: it shows the drawing Python holds (none, or the one from an earlier visit)
    view.adopted = true;
    view.seq = view.sent = data.ack;
    view.net = net;
    adopt(view, data.strokes);
  } else if (net !== view.net) {
    view.net = net;
    if (!view.current) update(view);
  }
  if (!view.current) draw_answer(view);
}

/** One render of the pad (called by the view's small module; see ui/live/component.engine_and_view). */
function render(component) {
  return live_render(component, create_view, (view, { data, setTriggerValue }) => receive(view, data, setTriggerValue),
                     (view) => {
                       cancelAnimationFrame(view.frame || 0);
                       view.description.stop();
                       PADS.views = PADS.views.filter((v) => v !== view);
                     });
}

// for browser tests and the benchmark: the reading, the painting, and the pads on the page
const PADS = (window.nnDrawingPad = window.nnDrawingPad || { views: [] });
Object.assign(PADS, { READING, PAD, pad_canvas, paint, paint_stroke, read_pad, pad_png });
