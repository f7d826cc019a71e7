// A second implementation of a TensorFlow Playground experiment, for the tests: JavaScript
// doubles and V8's Math, seeded by Debian's node-seedrandom, a neuron an object as in
// Playground's page. Written from shared/playground.md, independently of bptui's Swift.
// Usage: node playground_peer.js '<hash>' <epochs>  →  "epoch,train,test" lines.
'use strict';
const seedrandom = require('seedrandom');

const hash = process.argv[2].replace(/^[^#]*#/, '');
const epochs = Number(process.argv[3]);
const given = {};
for (const pair of hash.split('&')) {
  const [key, value] = pair.split('=');
  if (value !== undefined && value.trim() !== '') given[key] = value;
  else if (key === 'networkShape' && value !== undefined) given[key] = '';
}
const flag = (key, byDefault) => (key in given ? given[key] !== 'false' : byDefault);
const num = (key, byDefault) => (key in given ? +given[key] : byDefault);

const regression = given.problem === 'regression';
const activation = given.activation || 'tanh';
const shape = 'networkShape' in given ? (given.networkShape === '' ? [] : given.networkShape.split(',').map(Number)) : [4, 2];
const features = [
  ['x', (x, y) => x, true], ['y', (x, y) => y, true], ['xSquared', (x, y) => x * x, false],
  ['ySquared', (x, y) => y * y, false], ['xTimesY', (x, y) => x * y, false],
  ['sinX', (x, y) => Math.sin(x), false], ['sinY', (x, y) => Math.sin(y), false],
].filter(([key, , on]) => flag(key, on)).map(([, f]) => f);
const rate = num('learningRate', 0.03), batch = num('batchSize', 10);
const penalty = given.regularization === 'L1' || given.regularization === 'L2' ? given.regularization : null;
const lambda = num('regularizationRate', 0), noise = num('noise', 0) / 100;

const random = seedrandom(given.seed);
const uniform = (a, b) => random() * (b - a) + a;
const scale = (v, a, b, c, d) => { const t = (v - a) / (b - a); return c * (1 - t) + d * t; };

function generate(count) {
  const points = [];
  const set = regression ? (given.regDataset || 'reg-plane') : (given.dataset || 'circle');
  if (set === 'circle') {
    for (const [low, high] of [[0, 2.5], [3.5, 5]]) {
      for (let i = 0; i < count / 2; i++) {
        const r = uniform(low, high), angle = uniform(0, 2 * Math.PI);
        const x = r * Math.sin(angle), y = r * Math.cos(angle);
        const nx = uniform(-5, 5) * noise, ny = uniform(-5, 5) * noise;
        points.push([x, y, Math.sqrt((x + nx) ** 2 + (y + ny) ** 2) < 2.5 ? 1 : -1]);
      }
    }
  } else if (set === 'xor') {
    for (let i = 0; i < count; i++) {
      let x = uniform(-5, 5); x += x > 0 ? 0.3 : -0.3;
      let y = uniform(-5, 5); y += y > 0 ? 0.3 : -0.3;
      const nx = uniform(-5, 5) * noise, ny = uniform(-5, 5) * noise;
      points.push([x, y, (x + nx) * (y + ny) >= 0 ? 1 : -1]);
    }
  } else if (set === 'gauss') {
    const spread = Math.sqrt(scale(noise, 0, 0.5, 0.5, 4));
    const normal = () => {
      let a, b, s;
      do { a = 2 * random() - 1; b = 2 * random() - 1; s = a * a + b * b; } while (s > 1);
      return Math.sqrt(-2 * Math.log(s) / s) * a;
    };
    for (const [centre, label] of [[2, 1], [-2, -1]]) {
      for (let i = 0; i < count / 2; i++) {
        const x = centre + spread * normal(), y = centre + spread * normal();
        points.push([x, y, label]);
      }
    }
  } else if (set === 'spiral') {
    const m = count / 2;
    for (const [delta, label] of [[0, 1], [Math.PI, -1]]) {
      for (let i = 0; i < m; i++) {
        const r = i / m * 5, t = 1.75 * i / m * 2 * Math.PI + delta;
        const x = r * Math.sin(t) + uniform(-1, 1) * noise, y = r * Math.cos(t) + uniform(-1, 1) * noise;
        points.push([x, y, label]);
      }
    }
  } else {
    const bumps = [[-4, 2.5, 1], [0, 2.5, -1], [4, 2.5, 1], [-4, -2.5, -1], [0, -2.5, 1], [4, -2.5, -1]];
    for (let i = 0; i < count; i++) {
      const x = uniform(-6, 6), y = uniform(-6, 6), nx = uniform(-6, 6) * noise, ny = uniform(-6, 6) * noise;
      let label;
      if (set === 'reg-plane') {
        label = scale(x + nx + y + ny, -10, 10, -1, 1);
      } else {
        label = 0;
        for (const [cx, cy, sign] of bumps) {
          const d = Math.sqrt((x + nx - cx) ** 2 + (y + ny - cy) ** 2);
          const value = sign * (1 - Math.min(1, Math.max(0, d / 2)));
          if (Math.abs(value) > Math.abs(label)) label = value;
        }
      }
      points.push([x, y, label]);
    }
  }
  return points;
}

const points = generate(regression ? 1200 : 500);
for (let counter = points.length; counter > 0;) {
  const index = Math.floor(random() * counter);
  counter--;
  [points[counter], points[index]] = [points[index], points[counter]];
}
const split = Math.floor(points.length * num('percTrainData', 50) / 100);
const training = points.slice(0, split), test = points.slice(split);

const f = {
  tanh: [Math.tanh, (n) => 1 - Math.tanh(n) ** 2],
  relu: [(n) => Math.max(0, n), (n) => (n <= 0 ? 0 : 1)],
  sigmoid: [(n) => 1 / (1 + Math.exp(-n)), (n) => { const s = 1 / (1 + Math.exp(-n)); return s * (1 - s); }],
  linear: [(n) => n, () => 1],
};
const zero = flag('initZero', false);
const layers = [features.map(() => ({ out: 0 }))];
for (const [l, size] of [...shape, 1].entries()) {
  const fn = l === shape.length ? (regression ? f.linear : f.tanh) : f[activation];
  layers.push(Array.from({ length: size }, () => ({
    fn, bias: zero ? 0 : 0.1, sumDelta: 0, seen: 0,
    links: layers[l].map((from) => ({ from, w: zero ? 0 : random() - 0.5, sum: 0, seen: 0, dead: false })),
  })));
}

function forward([x, y]) {
  layers[0].forEach((node, i) => { node.out = features[i](x, y); });
  for (const layer of layers.slice(1)) {
    for (const node of layer) {
      node.net = node.bias;
      for (const link of node.links) node.net += link.w * link.from.out;
      node.out = node.fn[0](node.net);
    }
  }
  return layers[layers.length - 1][0].out;
}

function backward(target) {
  const last = layers.length - 1;
  layers[last][0].dOut = layers[last][0].out - target;
  for (let l = last; l >= 1; l--) {
    for (const node of layers[l]) {
      node.delta = node.dOut * node.fn[1](node.net);
      node.sumDelta += node.delta;
      node.seen++;
      for (const link of node.links) {
        if (link.dead) continue;
        link.sum += node.delta * link.from.out;
        link.seen++;
      }
    }
    if (l > 1) {
      layers[l - 1].forEach((below, i) => {
        below.dOut = 0;
        for (const above of layers[l]) below.dOut += above.links[i].w * above.delta;
      });
    }
  }
}

function update() {
  for (const layer of layers.slice(1)) {
    for (const node of layer) {
      if (node.seen > 0) { node.bias -= rate * node.sumDelta / node.seen; node.sumDelta = 0; node.seen = 0; }
      for (const link of node.links) {
        if (link.dead || link.seen === 0) continue;
        const slope = penalty === 'L1' ? (link.w < 0 ? -1 : link.w > 0 ? 1 : 0) : penalty === 'L2' ? link.w : 0;
        link.w -= (rate / link.seen) * link.sum;
        const next = link.w - rate * lambda * slope;
        if (penalty === 'L1' && link.w * next < 0) { link.w = 0; link.dead = true; } else link.w = next;
        link.sum = 0;
        link.seen = 0;
      }
    }
  }
}

const loss = (set) => set.reduce((total, p) => total + 0.5 * (forward(p) - p[2]) ** 2, 0) / set.length;
const lines = [`0,${loss(training)},${loss(test)}`];
for (let epoch = 1; epoch <= epochs; epoch++) {
  training.forEach((p, i) => {
    forward(p);
    backward(p[2]);
    if ((i + 1) % batch === 0) update();
  });
  lines.push(`${epoch},${loss(training)},${loss(test)}`);
}
console.log(lines.join('\n'));
