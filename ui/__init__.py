"""The Streamlit side of the app, laid out by what each part serves.

- state.py names every session key (and the values pages share); session.py puts them in place;
  around them the shared ground: sidebar, loaders (shared caches), cache_keys, charts, guard, fragments,
  plain, words, level, presenter, glossary, navigation, activity, scores, datasets.
- pages/: each page's widgets, state and words, named after its script in the top-level pages/.
- live/: the live views (components v2): each mount beside its JS and CSS.
- links/: one settings table per page and the link codec derived from it.
- lesson/: the lesson file, its progress, the card, the teacher's kit.
- classroom/: a class from the app's side (the store is the top-level classroom/).
- patches/: everything that touches Streamlit's private API.

tests/structure/ keeps the layers honest: each imports only what is below it, and nothing imports round a circle.
"""
