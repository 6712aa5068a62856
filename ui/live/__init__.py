"""The live views: Streamlit components v2 whose HTML, CSS and JS are the files beside these modules (no CDN,
no build step). component.py builds and mounts them; network.py is the network view (Inside, Knobs, Home);
screen.py and printing.py are two small helpers; the One-neuron and drawing-pad mounts are their pages' parts."""
