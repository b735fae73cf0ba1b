#!/usr/bin/python3
"""Writes the NumPy-made model fixture read by ModelFilesTest: a 3-4-2 tanh MLP whose weights are
np.arange(...) / 10 - 0.5 (float64, C order) and biases np.linspace (float32, to test up-casting).
Regenerate with: /usr/bin/python3 make_fixture.py  (numpy from Debian's python3-numpy)."""
import json
import numpy as np

w1 = (np.arange(12, dtype=np.float64).reshape(4, 3) / 10) - 0.5
b1 = np.linspace(-1, 1, 4).astype(np.float32)
w2 = (np.arange(8, dtype=np.float64).reshape(2, 4) / 10) - 0.5
b2 = np.linspace(0.25, 0.5, 2).astype(np.float32)
np.save("layer1.weight.npy", w1)
np.save("layer1.bias.npy", b1)
np.save("layer2.weight.npy", w2)
np.save("layer2.bias.npy", b2)
json.dump({"format": "basin-mlp", "version": 1, "widths": [3, 4, 2], "activations": ["tanh"], "bias": True,
           "layers": [{"weight": "layer1.weight.npy", "bias": "layer1.bias.npy"},
                      {"weight": "layer2.weight.npy", "bias": "layer2.bias.npy"}]},
          open("model.json", "w"), indent=2)
