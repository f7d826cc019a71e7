"""TensorFlow Playground's default problem in PyTorch (CPU, one thread, float64): the same
data, starting weights and arithmetic as bptui-bench's, in textbook order (mean gradient of
each batch of 10, then the update), the mean training loss once per epoch.

Prints the seconds one epoch takes and the final mean loss.
usage: /usr/bin/python3 playground_torch.py PROBLEM.json EPOCHS
PROBLEM.json: {"inputs": [[x1, x2], ...], "targets": [t, ...], "weights": [...], "biases": [...]}
(weights and biases flat in bptui's numbering for layers 2, 4, 2, 1).
"""
import json
import sys
import time

import torch

torch.set_num_threads(1)
torch.set_default_dtype(torch.float64)

problem = json.load(open(sys.argv[1]))
epochs = int(sys.argv[2])
x = torch.tensor(problem["inputs"])
t = torch.tensor(problem["targets"]).reshape(-1, 1)
sizes = [2, 4, 2, 1]
layers = [torch.nn.Linear(sizes[i], sizes[i + 1]) for i in range(3)]
with torch.no_grad():
    w, b = problem["weights"], problem["biases"]
    for layer, n_in, n_out in zip(layers, sizes, sizes[1:]):
        layer.weight.copy_(torch.tensor(w[: n_in * n_out]).reshape(n_out, n_in))
        layer.bias.copy_(torch.tensor(b[:n_out]))
        w, b = w[n_in * n_out:], b[n_out:]
model = torch.nn.Sequential(layers[0], torch.nn.Tanh(), layers[1], torch.nn.Tanh(), layers[2], torch.nn.Tanh())
optimizer = torch.optim.SGD(model.parameters(), lr=0.03)

loss = 0.0
start = time.perf_counter()
for _ in range(epochs):
    for first in range(0, len(x), 10):
        optimizer.zero_grad()
        out = model(x[first:first + 10])
        (0.5 * (out - t[first:first + 10]) ** 2).sum(dim=1).mean().backward()
        optimizer.step()
    with torch.no_grad():
        loss = (0.5 * (model(x) - t) ** 2).sum(dim=1).mean().item()
seconds = (time.perf_counter() - start) / epochs
print(seconds, loss)
