"""nn_core: a real, trainable neural network for handwritten digits, in numpy alone.

Every module, in four groups.

The lesson's maths, in the order a lesson meets it:
- ``network``: layer sizes, weights W (n_out, n_in), biases b, and the forward pass
  a^(l) = sigma(W^(l) a^(l-1) + b^(l)), returning every layer's z and a; layer names a^(0)..a^(L);
- ``activations``, ``costs``: one record per activation (sigma, ReLU, tanh) and per cost
  (softmax with cross-entropy, the quadratic cost), with formulas and words for the pages;
- ``explain``: one neuron's weighted sum, bias, activation and main influences;
- ``edits``: hand edits of biases and weights, kept apart from the trained network;
- ``backprop``: the gradient of the cost, vectorised over a mini-batch; one gradient step;
- ``training``: steppable mini-batch SGD (momentum, L2, schedules) with its history;
- ``landscape``: the cost over one or two parameters, and gradient-descent walks on it;
- ``evaluate``: accuracy, mean cost, confusion matrix, costs averaged over a data set;
- ``questions``: the lesson's answers, measured on a network (never written down).

The drawing pipeline:
- ``drawing``: from any drawing to the 784 inputs (crop, 20 px, centre of mass);
- ``imaging``: resizing, shifting, centre of mass; ``augment``: random distortions for training;
- ``synthetic``: canvas-like redrawings of digits, to test and train on drawings;
- ``noise``: random pixels from a seed, no digit at all (what the network answers to nonsense).

Files and data:
- ``data``: labelled digit sets, the embedded 5,000 digits, users' data set files;
- ``download``, ``idx``: the full MNIST; ``sources``: any of them by name;
- ``modelfile``, ``bundled``: safe ``.npz`` model files and the two bundled models;
- ``lesson``: the lesson file (steps, checks, questions, glossary), read from TOML and validated;
- ``npzfile``, ``imagefile``, ``atomic``, ``paths``, ``errors``, ``numbers``: reading untrusted files
  and typed numbers safely, writing files atomically, where the assets are, one-sentence errors.

Tooling: ``gradcheck`` (finite differences), ``bench``, ``blas`` (thread counts), ``cli``.

It imports numpy and the standard library only (Pillow only inside ``imagefile``).
"""
from nn_core.network import DEFAULT_SIZES, ForwardPass, Network, forward, predict

__all__ = ["DEFAULT_SIZES", "ForwardPass", "Network", "forward", "predict"]
