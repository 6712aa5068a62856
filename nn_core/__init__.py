"""nn_core: a real, trainable neural network for handwritten digits, in numpy alone.

The pieces, in the order a lesson meets them:

- ``network``: layer sizes, weights W (n_out, n_in), biases b, and the forward pass
  a^(l) = sigma(W^(l) a^(l-1) + b^(l)), returning every layer's z and a;
- ``activations`` and ``costs``: sigma (sigmoid, ReLU, tanh), softmax, cross-entropy, 1/2||a - y||^2;
- ``backprop``: the gradient of the cost, vectorised over a mini-batch;
- ``training``: steppable mini-batch SGD with its history;
- ``data``, ``download``, ``idx``: the embedded 5,000 digits, full MNIST, users' data sets;
- ``drawing``, ``imagefile``: from a drawing or an image file to the 784 inputs;
- ``modelfile``, ``bundled``: safe ``.npz`` model files and the two bundled models;
- ``evaluate``, ``gradcheck``, ``bench``, ``cli``.

It imports numpy and the standard library only (Pillow only inside ``imagefile``).
"""
from nn_core.network import DEFAULT_SIZES, ForwardPass, Network, forward, predict

__all__ = ["DEFAULT_SIZES", "ForwardPass", "Network", "forward", "predict"]
