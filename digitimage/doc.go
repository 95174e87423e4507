// Package digitimage turns a photo or drawing of a single handwritten digit
// into the 28x28 input the MNIST model expects, prepared the way LeCun et al.
// prepared the MNIST digits:
//
//  1. Load decodes a PNG or JPEG file, refusing empty files, files that are no
//     image, 0x0 images and images declaring more than MaxPixels pixels (checked
//     from the header, before any pixel memory is allocated).
//  2. Prepare converts the image to grey, compositing any transparency over
//     white; inverts it when the background (the mean of the border pixels) is
//     light, so the ink is bright on black as in MNIST; subtracts the
//     background level and stretches the ink to 0..1 without a threshold;
//     crops to the bounding box of the ink (pixels of at least 10% of the
//     strongest ink, so faint noise does not widen the box); scales the box with
//     a Catmull-Rom filter (area-correct when shrinking) so that its longer side
//     is BoxSize (20) pixels, keeping the aspect ratio; and pastes it into a
//     Size x Size (28x28) canvas so that the ink's centre of mass lies at the
//     centre of the canvas, (14, 14) in pixel-edge coordinates.
//
// The result is []float32 with Size*Size values in row-major order, 0 for the
// background and 1 for full ink: one image in the NHWC (28, 28, 1) layout that
// cnnlib.Model.Predict takes.
package digitimage
