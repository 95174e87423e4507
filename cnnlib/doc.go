// Package cnnlib is the CNN library behind Werkbank: a Keras-like Sequential
// layer spec, the KI-Werkstatt blog's model (PostModel, 43,290 parameters),
// Chris Deotte's Kaggle model (KaggleModel, 327,242 parameters), and
// training, evaluation, ensembles (EvaluateEnsemble), prediction, persistence
// and layer activations on GoMLX.
//
// Layers follow Keras: Conv2D with any kernel size, strides and 'same'
// (TensorFlow's padding: ceil(n/stride) outputs, an odd zero row or column
// after) or 'valid' padding; BatchNormalization anywhere (momentum 0.99,
// epsilon 1e-3, batch statistics while training, the moving ones in
// inference, the moving variance moved with the unbiased batch variance as
// TensorFlow moves it). testdata/keras_layers.json holds PyTorch's
// values of both, outputs and gradients, which the tests compare with every
// backend and formulation. Model.Weights and SetWeights are Keras'
// get_weights and set_weights of a layer.
//
// Keras semantics are kept so results compare with the post: glorot_uniform
// kernels and zero biases, RMSprop/Adam/SGD exactly as Keras updates them,
// categorical cross-entropy with Keras' clipping, L2 added to the loss once and
// inverted dropout only while training. Randomness (initial weights, shuffling,
// dropout masks, augmentation) is drawn on the host from the seed, so the same
// seed gives the same run on every backend, bit for bit on the same backend.
//
// Data augmentation (FitConfig.Augment, an Augmentation; flags --augment and
// --augment-rotation, --augment-shift, --augment-zoom) is Keras'
// ImageDataGenerator with rotation_range, width/height_shift_range and
// zoom_range: Fit transforms every image of every training batch on the host
// as it gathers the batch, with one random affine map (rotation about the
// center, zoom, shift) drawn from a stream of its own keyed by (seed, epoch,
// step), bilinear interpolation and black (0) outside the image. Validation,
// evaluation and prediction never see augmented images. Checkpoints and saved
// models record the augmentation, and a run does not resume a checkpoint made
// with another.
//
// Backends (ChooseBackend): GOMLX_BACKEND when set; else XLA with a CUDA PJRT
// plugin; else ONNX Runtime ("onnx", github.com/gomlx/compute-onnx) when its
// shared library loads from $ONNXRUNTIME_SHARED_LIBRARY_PATH or
// ~/.local/lib/onnxruntime/libonnxruntime.so; else XLA with a CPU PJRT plugin;
// else the pure Go backend. Nothing is ever downloaded unless
// WERKBANK_ALLOW_PLUGIN_DOWNLOAD is set.
//
// On the pure Go backend the stock convolution and max-pool ops are slow, so
// the graph uses an im2col convolution and a reshape+ReduceMax pool there; on
// ONNX Runtime and XLA it uses the stock ops (cuDNN on a GPU). Both compute the
// same function, gradients included: where a pooling window holds several
// equal maxima, both give the gradient to the first one, as TensorFlow does
// (the reshape pool picks it with ArgMax while training). Two gradients are
// built by hand: GoMLX's input gradient of a convolution is one pixel off for
// kernels of even height or width, and ONNX has no input dilation for that
// of a strided one (there strided Conv2D layers are im2col MatMuls).
//
// Learning rates (FitConfig.Schedule, flags --lr-schedule and --lr-*): the
// post's constant rate, a step decay, Keras' ReduceLROnPlateau, cosine or one
// cycle; the rate is an input of the compiled step. LRRangeTest is the
// learning-rate range test (werkbank lr-find) that suggests a rate.
//
// Tests: go test ./cnnlib/ runs on the go backend; WERKBANK_TEST_BACKEND=onnx
// (or any backend config) runs the same tests on another backend. The ONNX
// Runtime equivalence tests (ort_test.go) run in both cases when ONNX Runtime
// loads, and skip saying why otherwise.
package cnnlib
