"""The post's network trained in the style of its companion script: an object per neuron,
lists of weights walked in loops, the same arithmetic as bptui's engine (published order).

Prints the seconds one iteration takes, measured over the loop alone.
usage: python3 companion_style.py ITERATIONS
"""
import math
import sys
import time


class Neuron:
    def __init__(self, weights, bias):
        self.weights = weights
        self.bias = bias
        self.inputs = []
        self.output = 0.0

    def forward(self, inputs):
        self.inputs = inputs
        total = 0.0
        for value, weight in zip(inputs, self.weights):
            total += value * weight
        self.output = 1 / (1 + math.exp(-(total + self.bias)))
        return self.output

    def slope(self):
        return self.output * (1 - self.output)


class Layer:
    def __init__(self, weight_rows, bias):
        self.neurons = [Neuron(list(row), bias) for row in weight_rows]

    def forward(self, inputs):
        return [neuron.forward(inputs) for neuron in self.neurons]


class Network:
    def __init__(self, rate):
        self.rate = rate
        self.hidden = Layer([[0.15, 0.20], [0.25, 0.30]], 0.35)
        self.output = Layer([[0.40, 0.45], [0.50, 0.55]], 0.60)

    def train(self, inputs, targets):
        outputs = self.output.forward(self.hidden.forward(inputs))
        error = sum(0.5 * (t - o) ** 2 for t, o in zip(targets, outputs))
        deltas = [-(t - n.output) * n.slope() for t, n in zip(targets, self.output.neurons)]
        for delta, neuron in zip(deltas, self.output.neurons):
            for index, value in enumerate(neuron.inputs):
                neuron.weights[index] -= self.rate * (delta * value)
        for h, neuron in enumerate(self.hidden.neurons):
            downstream = sum(d * o.weights[h] for d, o in zip(deltas, self.output.neurons))
            delta = downstream * neuron.slope()
            for index, value in enumerate(neuron.inputs):
                neuron.weights[index] -= self.rate * (delta * value)
        return error


def main():
    iterations = int(sys.argv[1])
    network = Network(0.5)
    errors = []
    start = time.perf_counter()
    for _ in range(iterations):
        errors.append(network.train([0.05, 0.10], [0.01, 0.99]))
    elapsed = time.perf_counter() - start
    print(elapsed / iterations, errors[-1])


if __name__ == "__main__":
    main()
