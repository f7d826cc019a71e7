#ifndef BPTUI_C_LIMIT_LOOP_H
#define BPTUI_C_LIMIT_LOOP_H

/* One epoch of TensorFlow Playground's default problem (2-4-2-1 tanh, per-neuron biases,
   batch 10, eta 0.03) as straight-line C over flat arrays with the C library's tanh: the
   yardstick shared/playground.md records Playground's own engine against. Updates w[18]
   and b[7] in place and returns the epoch's mean training loss over `count` samples
   (x: 2 inputs a sample, t: 1 target). */
double bptui_c_limit_epoch(double *w, double *b, const double *x, const double *t, int count);

#endif
