"""Inside the network: the flow and the neuron choice around the live view (flow.py), one neuron up close (closeup.py)."""
