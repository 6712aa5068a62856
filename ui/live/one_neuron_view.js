// one_neuron_view.js: the mount of the One-neuron live view (ui/live_neuron.py).
//
// Streamlit sends a component's whole code again whenever its data changes, which here is every
// release of a slider. So this module is small: it calls the drawing code of one_neuron.js, which
// arrives in a second component (the "engine") whose data never changes and so crosses the wire
// once per visit. Either module may load first.

export default function (component) {
  const live = (window.nnOneNeuronLive = window.nnOneNeuronLive || { waiting: [] });
  if (live.render) return live.render(component);
  let cleanup = null, gone = false;
  live.waiting.push(() => { if (!gone) cleanup = live.render(component); });
  return () => { gone = true; if (cleanup) cleanup(); };
}
