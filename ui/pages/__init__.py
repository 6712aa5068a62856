"""Each page's parts: pages/X.py is the script Streamlit runs; ui/pages/X.py or ui/pages/X/ holds its widgets,
state and words (controls, the page's own computations and caches, words). They import the shared ground of
ui/ and the live mounts, never the lesson, the class or the links, which sit above them."""
