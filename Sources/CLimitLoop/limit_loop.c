#include "CLimitLoop.h"
#include <math.h>

static void forward(const double *w, const double *b, double x0, double x1, double *h1, double *h2, double *o) {
    for (int j = 0; j < 4; j++) h1[j] = tanh(w[2 * j] * x0 + w[2 * j + 1] * x1 + b[j]);
    for (int j = 0; j < 2; j++)
        h2[j] = tanh(w[8 + 4 * j] * h1[0] + w[9 + 4 * j] * h1[1] + w[10 + 4 * j] * h1[2] + w[11 + 4 * j] * h1[3] + b[4 + j]);
    *o = tanh(w[16] * h2[0] + w[17] * h2[1] + b[6]);
}

double bptui_c_limit_epoch(double *w, double *b, const double *x, const double *t, int count) {
    double gw[18], gb[7], h1[4], h2[2], d1[4], d2[2], o;
    for (int start = 0; start < count; start += 10) {
        int end = start + 10 < count ? start + 10 : count;
        for (int k = 0; k < 18; k++) gw[k] = 0;
        for (int k = 0; k < 7; k++) gb[k] = 0;
        for (int s = start; s < end; s++) {
            double x0 = x[2 * s], x1 = x[2 * s + 1];
            forward(w, b, x0, x1, h1, h2, &o);
            double d3 = (o - t[s]) * (1 - o * o);
            for (int j = 0; j < 2; j++) d2[j] = d3 * w[16 + j] * (1 - h2[j] * h2[j]);
            for (int j = 0; j < 4; j++) d1[j] = (d2[0] * w[8 + j] + d2[1] * w[12 + j]) * (1 - h1[j] * h1[j]);
            gw[16] += d3 * h2[0];
            gw[17] += d3 * h2[1];
            gb[6] += d3;
            for (int j = 0; j < 2; j++) {
                for (int i = 0; i < 4; i++) gw[8 + 4 * j + i] += d2[j] * h1[i];
                gb[4 + j] += d2[j];
            }
            for (int j = 0; j < 4; j++) {
                gw[2 * j] += d1[j] * x0;
                gw[2 * j + 1] += d1[j] * x1;
                gb[j] += d1[j];
            }
        }
        double n = end - start;
        for (int k = 0; k < 18; k++) w[k] -= 0.03 * gw[k] / n;
        for (int k = 0; k < 7; k++) b[k] -= 0.03 * gb[k] / n;
    }
    double loss = 0;
    for (int s = 0; s < count; s++) {
        forward(w, b, x[2 * s], x[2 * s + 1], h1, h2, &o);
        loss += 0.5 * (t[s] - o) * (t[s] - o);
    }
    return loss / count;
}
