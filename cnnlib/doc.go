// Package cnnlib is the CNN library behind Werkbank: a Keras-like Sequential
// layer spec, the KI-Werkstatt blog's model (BlogModel, 43,290 parameters), and
// training, evaluation, prediction, persistence and layer activations on GoMLX.
//
// Keras semantics are kept so results compare with the post: glorot_uniform
// kernels and zero biases, RMSprop/Adam/SGD exactly as Keras updates them,
// categorical cross-entropy with Keras' clipping, L2 added to the loss once and
// inverted dropout only while training. Randomness (initial weights, shuffling,
// dropout masks) is drawn on the host from the seed, so the same seed gives the
// same run on every backend, bit for bit on the same backend.
//
// On the pure Go backend the stock convolution and max-pool ops are slow, so
// the graph uses an im2col convolution and a reshape+ReduceMax pool there; on
// XLA it uses the stock ops (cuDNN on a GPU). Both compute the same function.
package cnnlib
