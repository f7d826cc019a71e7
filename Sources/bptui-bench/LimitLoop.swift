import BackpropEngine
import Foundation

/// The practical limit: the same arithmetic as the engine (published order, η fixed, biases
/// fixed) written as one straight-line loop over local scalars, each error recorded.
@inline(never)
func limitLoop(from n: Network, sample: Sample, iterations: Int, η: Double, errors: UnsafeMutableBufferPointer<Double>) -> Double {
    let i1 = sample.inputs[0], i2 = sample.inputs[1], t1 = sample.targets[0], t2 = sample.targets[1], b1 = n.biases[0], b2 = n.biases[1]
    var w1 = n.weights[0], w2 = n.weights[1], w3 = n.weights[2], w4 = n.weights[3]
    var w5 = n.weights[4], w6 = n.weights[5], w7 = n.weights[6], w8 = n.weights[7]
    let mask = errors.count - 1
    var error = 0.0
    for iteration in 0 ..< iterations {
        let out_h1 = 1 / (1 + exp(-(w1 * i1 + w2 * i2 + b1)))
        let out_h2 = 1 / (1 + exp(-(w3 * i1 + w4 * i2 + b1)))
        let out_o1 = 1 / (1 + exp(-(w5 * out_h1 + w6 * out_h2 + b2)))
        let out_o2 = 1 / (1 + exp(-(w7 * out_h1 + w8 * out_h2 + b2)))
        error = 0.5 * (t1 - out_o1) * (t1 - out_o1) + 0.5 * (t2 - out_o2) * (t2 - out_o2)
        errors[iteration & mask] = error
        let δ_o1 = -(t1 - out_o1) * out_o1 * (1 - out_o1)
        let δ_o2 = -(t2 - out_o2) * out_o2 * (1 - out_o2)
        w5 -= η * (δ_o1 * out_h1)
        w6 -= η * (δ_o1 * out_h2)
        w7 -= η * (δ_o2 * out_h1)
        w8 -= η * (δ_o2 * out_h2)
        let δ_h1 = (δ_o1 * w5 + δ_o2 * w7) * out_h1 * (1 - out_h1)
        let δ_h2 = (δ_o1 * w6 + δ_o2 * w8) * out_h2 * (1 - out_h2)
        w1 -= η * (δ_h1 * i1)
        w2 -= η * (δ_h1 * i2)
        w3 -= η * (δ_h2 * i1)
        w4 -= η * (δ_h2 * i2)
    }
    return error
}
