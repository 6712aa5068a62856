// seat_keeper.js: keeps a student's seat in a class per browser: across a reload of the tab, a restart
// of the server, and in every other tab of the same browser. The seat's token lives in the browser's
// localStorage (one per browser profile and address; another browser, or a private window, has its
// own and is not in the class). When the server has no seat for this tab but the browser remembers
// one, the token goes back to the server, which checks it. A try can be missed (it may arrive while
// the tab's first run is still on its way, or the server is busy), and this element is not drawn
// again until its data changes: so the tab tries again on its own, a few times over about a minute (a server
// just restarted on a busy machine can take that long to answer),
// until the server's data says it has the seat (or has forgotten it).
// Leaving the class in one tab removes the token; the other tabs hear it (the "storage" event) and
// hand the server an empty token, so they leave too. Joining in one tab takes the others along. A tab
// still coming back into the class when another tab leaves does not write the old seat back: it leaves too.
const KEY = "nn_class_seat";
const TRIES_AT = [0, 1000, 2500, 5000, 9000, 15000, 25000, 40000, 60000];   // ms after the first render without a seat

export default function ({ data, setTriggerValue }) {
  const keeper = (window.__nnSeatKeeper = window.__nnSeatKeeper || { timers: [], started: false, token: "" });
  keeper.send = setTriggerValue;   // the newest render's, for the listener below
  keeper.token = data.token || "";
  const stop = () => { keeper.timers.forEach(clearTimeout); keeper.timers = []; };
  try {
    if (!keeper.listening) {
      keeper.listening = true;
      window.addEventListener("storage", (event) => {
        if (event.key !== KEY && event.key !== null) return;   // (null: the whole storage was cleared)
        const now = window.localStorage.getItem(KEY) || "";
        if (now !== keeper.token) keeper.send("seat", now);     // "" = left in another tab
      });
    }
    if (data.token) {
      const kept = window.localStorage.getItem(KEY) || "";
      if (keeper.started && kept !== data.token) {
        // this tab was given back the seat the browser remembered, but meanwhile another tab left (or joined
        // another class): follow the browser, do not write the old seat back
        stop();
        keeper.started = false;
        keeper.written = "";
        setTriggerValue("seat", kept);
        return;
      }
      // written once per token: a later render of the same data must not undo a leave made in another tab
      if (keeper.written !== data.token) window.localStorage.setItem(KEY, data.token);
      keeper.written = data.token;
      stop();
      keeper.started = false;
    } else if (data.forget) {
      keeper.written = "";
      window.localStorage.removeItem(KEY);
      stop();
    } else {
      keeper.written = "";
      const kept = window.localStorage.getItem(KEY);
      if (kept && !keeper.started) {
        keeper.started = true;
        keeper.timers = TRIES_AT.map((ms) => setTimeout(() => setTriggerValue("seat", kept), ms));
      }
    }
  } catch (error) {
    // storage refused (some private modes): the seat lasts as long as the server's session, as without this
  }
}
