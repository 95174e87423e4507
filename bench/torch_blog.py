#!/usr/bin/python3
"""The KI-Werkstatt blog's MNIST CNN in PyTorch: werkbank's peer for speed and accuracy.

The model, loss and optimizer follow the post's Keras code (and cnnlib.BlogModel):

  Conv2D 32, 32, 32, 16 (3x3, 'same', relu), MaxPooling2D(2) after the first three,
  Dropout 0.4, Flatten (Keras order h, w, c), Dropout, Dense 128 relu with L2 0.007
  (0.007 * sum(W^2) added to the loss), Dropout, Dense 10 softmax;
  categorical cross-entropy of the probabilities clipped to [1e-7, 1 - 1e-7] as Keras does;
  RMSprop lr 0.001, rho 0.9, eps 1e-7 (torch's RMSprop adds eps outside the sqrt, as Keras);
  glorot_uniform kernels and zero biases.

Modes:
  --bench   the measurements of `werkbank bench`: first step, steady-state training
            samples/s at --batch-size after --warmup steps, inference images/s on the test set
  --train   the post's run: --epochs 15, batch 162, shuffled, validation = the last 10% of
            the training set, Keras-like per-epoch lines, total seconds, test accuracy
  --losses N  the first N training losses, samples in order (a determinism check)

Learning rate: --lr (the base rate, 0.001 as Keras' RMSprop) and --lr-schedule constant or
onecycle (cnnlib.Schedule's: from lr/25 up to lr over the first 30% of the steps, then down to
lr/25/1e4, both halves cosine-shaped); --quick is werkbank train --quick (cnnlib.Quick): at
most 2 epochs and a constant rate turned into one cycle up to 10 times --lr. With --train,
--target ACC measures the time to accuracy: the validation accuracy every --eval-every steps,
with the clock stopped while it is measured, and the training seconds until it first reaches ACC.

Data: the four MNIST IDX .gz files, from --data DIR, $WERKBANK_DATA, werkbank's cache
(~/.cache/werkbank/datasets/mnist) or the Go module copy (GoMNIST) in the Go module cache.
Run with Debian's /usr/bin/python3 (python3-torch, python3-numpy).
"""
import argparse
import math
import glob
import gzip
import json
import os
import platform
import statistics
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FILES = {
    "train_images": "train-images-idx3-ubyte.gz",
    "train_labels": "train-labels-idx1-ubyte.gz",
    "test_images": "t10k-images-idx3-ubyte.gz",
    "test_labels": "t10k-labels-idx1-ubyte.gz",
}
KERAS_EPS = 1e-7


def data_dirs(arg):
    if arg:
        yield arg
        return
    if os.environ.get("WERKBANK_DATA"):
        yield os.environ["WERKBANK_DATA"]
    cache = os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache")
    yield os.path.join(cache, "werkbank", "datasets", "mnist")
    here = os.path.dirname(os.path.abspath(__file__))
    yield os.path.join(here, "..", "bin", "data", "mnist")  # bench/gpu.sh --build puts a copy there
    modcache = os.environ.get("GOMODCACHE") or os.path.join(
        os.environ.get("GOPATH") or os.path.expanduser("~/go"), "pkg", "mod")
    yield from sorted(glob.glob(os.path.join(modcache, "github.com", "petar", "!go!m!n!i!s!t@*", "data")))


def find_data(arg):
    tried = []
    for d in data_dirs(arg):
        tried.append(d)
        if all(os.path.isfile(os.path.join(d, f)) for f in FILES.values()):
            return d
    sys.exit("torch_blog: MNIST .gz files not found in: %s (use --data DIR, or run `werkbank data` once)"
             % ", ".join(tried))


def load_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_mnist(d):
    arr = {k: load_idx(os.path.join(d, f)) for k, f in FILES.items()}

    def images(a):  # as the post prepares them: float32 / 255, (N, 28, 28, 1); torch wants NCHW
        return torch.from_numpy(a.astype(np.float32) / 255.0).reshape(-1, 28, 28, 1).permute(0, 3, 1, 2).contiguous()

    def labels(a):
        return torch.from_numpy(a.astype(np.int64))

    return (images(arr["train_images"]), labels(arr["train_labels"]),
            images(arr["test_images"]), labels(arr["test_labels"]))


class BlogCNN(nn.Module):
    def __init__(self, dropout=0.4):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, 3, padding=1)
        self.conv2 = nn.Conv2d(32, 32, 3, padding=1)
        self.conv3 = nn.Conv2d(32, 32, 3, padding=1)
        self.conv4 = nn.Conv2d(32, 16, 3, padding=1)
        self.dense1 = nn.Linear(3 * 3 * 16, 128)
        self.dense2 = nn.Linear(128, 10)
        self.drop = nn.Dropout(dropout)
        for m in self.modules():
            if isinstance(m, (nn.Conv2d, nn.Linear)):
                # glorot_uniform: torch's fans for a conv weight [out, in, kh, kw] are in*kh*kw
                # and out*kh*kw, Keras' too.
                nn.init.xavier_uniform_(m.weight)
                nn.init.zeros_(m.bias)

    def forward(self, x):  # x: [N, 1, 28, 28]; returns logits
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)  # 14
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)  # 7
        x = F.max_pool2d(F.relu(self.conv3(x)), 2)  # 3 (floor, as Keras' 'valid' pooling)
        x = self.drop(F.relu(self.conv4(x)))
        x = x.permute(0, 2, 3, 1).flatten(1)  # Keras flattens in (h, w, c) order
        x = self.drop(x)
        x = self.drop(F.relu(self.dense1(x)))
        return self.dense2(x)

    def penalty(self):
        return 0.007 * (self.dense1.weight ** 2).sum()


def keras_ce(logits, y):
    """Per-sample categorical cross-entropy of the clipped softmax, as Keras computes it."""
    p = F.softmax(logits, dim=1).clamp(KERAS_EPS, 1 - KERAS_EPS)
    return -torch.log(p.gather(1, y[:, None]))[:, 0]


class Trainer:
    def __init__(self, args, device):
        torch.manual_seed(args.seed)
        self.device = device
        self.model = BlogCNN().to(device)
        self.opt = torch.optim.RMSprop(self.model.parameters(), lr=args.lr, alpha=0.9, eps=1e-7)
        self.on_device = args.data_on_device

    def batch(self, x, y, idx):
        # Host gather + transfer per batch, as werkbank does (unless --data-on-device).
        xb, yb = x[idx], y[idx]
        if not self.on_device:
            xb, yb = xb.to(self.device, non_blocking=True), yb.to(self.device, non_blocking=True)
        return xb, yb

    def step(self, x, y, idx, lr=None):
        """One optimizer step; returns (loss, correct) as Python numbers (a device sync, as werkbank)."""
        if lr is not None:
            for g in self.opt.param_groups:
                g["lr"] = lr
        self.model.train()
        xb, yb = self.batch(x, y, idx)
        logits = self.model(xb)
        loss = keras_ce(logits, yb).mean() + self.model.penalty()
        self.opt.zero_grad(set_to_none=True)
        loss.backward()
        self.opt.step()
        correct = (logits.argmax(1) == yb).sum()
        return loss.item(), correct.item()

    @torch.no_grad()
    def evaluate(self, x, y, batch=500):
        self.model.eval()
        ce, correct = 0.0, 0
        for i in range(0, len(y), batch):
            xb, yb = self.batch(x, y, slice(i, i + batch))
            logits = self.model(xb)
            ce += keras_ce(logits, yb).sum().item()
            correct += (logits.argmax(1) == yb).sum().item()
        return ce / len(y) + self.model.penalty().item(), correct / len(y)

    @torch.no_grad()
    def predict(self, x, batch):
        """Class probabilities on the host, as werkbank's PredictFlat returns them."""
        self.model.eval()
        out = []
        for i in range(0, len(x), batch):
            xb = x[i:i + batch]
            if not self.on_device:
                xb = xb.to(self.device, non_blocking=True)
            out.append(F.softmax(self.model(xb), dim=1).cpu())
        return torch.cat(out)


def cpu_model():
    """The processor as werkbank's result.json names it (cmd/werkbank/machine.go):
    "AMD EPYC (family 26, model 2)"; platform's name outside Linux."""
    fields = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip() and fields:
                    break
                key, sep, value = line.partition(":")
                if sep:
                    fields[key.strip()] = value.strip()
    except OSError:
        pass
    name = fields.get("model name") or fields.get("vendor_id", "")
    ids = ["%s %s" % (label, fields[key]) for key, label in (("cpu family", "family"), ("model", "model")) if fields.get(key)]
    if not ids:
        return name or platform.processor() or platform.machine()
    return "%s (%s)" % (name, ", ".join(ids)) if name else ", ".join(ids)


def sync(device):
    if device.type == "cuda":
        torch.cuda.synchronize()


def in_order(n, batch, b):
    return torch.arange(b * batch, (b + 1) * batch) % n


def run_losses(args, tr, xtr, ytr, out, res):
    res["losses"] = []
    for b in range(args.losses):
        t = time.perf_counter()
        loss, _ = tr.step(xtr, ytr, in_order(len(ytr), args.batch_size, b))
        if b == 0:
            res["first_step_s"] = time.perf_counter() - t
        res["losses"].append(loss)
        if not args.json:
            print("step %d loss %.6f" % (b + 1, loss))
    print("first step: %.2f s" % res["first_step_s"], file=out)


def run_bench(args, tr, xtr, ytr, xte, yte, out, res):
    n, bs = len(ytr), args.batch_size
    t = time.perf_counter()
    tr.step(xtr, ytr, in_order(n, bs, 0))
    res["first_step_s"] = time.perf_counter() - t
    for b in range(1, 1 + args.warmup):
        tr.step(xtr, ytr, in_order(n, bs, b))
    times = []
    for b in range(1 + args.warmup, 1 + args.warmup + args.steps):
        t = time.perf_counter()
        tr.step(xtr, ytr, in_order(n, bs, b))
        times.append(time.perf_counter() - t)
    res.update(warmup=args.warmup, steps=args.steps, step_s=sum(times) / len(times),
               step_median_s=statistics.median(times))
    res["train_samples_per_s"] = bs / res["step_s"]
    print("train, batch %d: first step %.2f s; %d warm-up steps; %d timed steps: %.4f s/step (median %.4f) = %.0f samples/s"
          % (bs, res["first_step_s"], args.warmup, args.steps, res["step_s"], res["step_median_s"],
             res["train_samples_per_s"]), file=out)

    t = time.perf_counter()
    probs = tr.predict(xte, args.infer_batch)
    sync(tr.device)
    res.update(infer_batch=args.infer_batch, infer_images=len(yte), infer_first_s=time.perf_counter() - t)
    res["infer_accuracy"] = (probs.argmax(1) == yte.cpu()).float().mean().item()
    passes, t = 0, time.perf_counter()
    while passes == 0 or (time.perf_counter() - t < 1.0 and passes < 50):
        tr.predict(xte, args.infer_batch)
        passes += 1
    sync(tr.device)
    res.update(infer_passes=passes, infer_s=time.perf_counter() - t)
    res["infer_images_per_s"] = passes * len(yte) / res["infer_s"]
    print("inference, batch %d, %d test images: first pass %.2f s; %d timed pass(es): %.0f images/s (accuracy after %d steps: %.4f)"
          % (args.infer_batch, len(yte), res["infer_first_s"], passes, res["infer_images_per_s"],
             1 + args.warmup + args.steps, res["infer_accuracy"]), file=out)


def rate(args, epoch, step, steps):
    """The learning rate of a step, as cnnlib.Schedule.Rate (constant or onecycle)."""
    if args.lr_schedule == "constant":
        return args.lr
    t = (epoch - 1) * steps + step
    total = max(args.epochs * steps - 1, 1)

    def cosine(frm, to, frac):
        return to + (frm - to) * (1 + math.cos(math.pi * min(max(frac, 0), 1))) / 2

    start, peak = args.lr / 25, 0.3 * total
    if t <= peak:
        return cosine(start, args.lr, t / peak)
    return cosine(args.lr, start / 1e4, (t - peak) / (total - peak))


class TimeToTarget:
    """The training seconds until the validation accuracy first reaches args.target, checked every
    args.eval_every steps with the clock stopped while it is measured."""

    def __init__(self, args, tr, xv, yv, res):
        self.args, self.tr, self.xv, self.yv, self.res = args, tr, xv, yv, res
        self.paused = 0.0  # seconds spent measuring, not training
        self.start = time.perf_counter()
        self.steps = 0
        res.update(target=args.target, eval_every=args.eval_every, time_to_target_s=None, target_step=None)

    def after_step(self):
        self.steps += 1
        if self.res["time_to_target_s"] is not None or self.steps % self.args.eval_every:
            return
        t = time.perf_counter()
        _, acc = self.tr.evaluate(self.xv, self.yv)
        if acc >= self.args.target:
            self.res.update(time_to_target_s=t - self.start - self.paused, target_step=self.steps, target_val_acc=acc)
        self.paused += time.perf_counter() - t


def run_train(args, tr, xtr, ytr, xte, yte, out, res):
    at = int(len(ytr) * (1 - args.validation_split))  # Keras: the last part, before shuffling
    xt, yt, xv, yv = xtr[:at], ytr[:at], xtr[at:], ytr[at:]
    n, bs = len(yt), args.batch_size
    steps = (n + bs - 1) // bs
    gen = torch.Generator().manual_seed(args.seed)
    print("Train on %d samples, validate on %d samples" % (n, len(yv)), file=out)
    res.update(train_samples=n, val_samples=len(yv), epochs=[], lr=args.lr, lr_schedule=args.lr_schedule)
    clock = TimeToTarget(args, tr, xv, yv, res) if args.target else None
    total = time.perf_counter()
    for epoch in range(1, args.epochs + 1):
        print("Epoch %d/%d" % (epoch, args.epochs), file=out)
        t = time.perf_counter()
        order = torch.randperm(n, generator=gen) if not args.no_shuffle else torch.arange(n)
        if tr.on_device:
            order = order.to(tr.device)
        loss_sum, correct = 0.0, 0
        for b in range(steps):
            idx = order[b * bs:(b + 1) * bs]
            t0 = time.perf_counter()
            loss, c = tr.step(xt, yt, idx, rate(args, epoch, b, steps))
            if epoch == 1 and b == 0:
                res["first_step_s"] = time.perf_counter() - t0
            if clock:
                clock.after_step()
            loss_sum += loss * len(idx)
            correct += c
        e = {"epoch": epoch, "loss": loss_sum / n, "acc": correct / n}
        if len(yv):
            e["val_loss"], e["val_acc"] = tr.evaluate(xv, yv)
        e["seconds"] = time.perf_counter() - t
        res["epochs"].append(e)
        line = "%d/%d - %.0fs %.0fms/step - loss: %.4f - acc: %.4f" % (
            n, n, e["seconds"], 1000 * e["seconds"] / steps, e["loss"], e["acc"])
        if len(yv):
            line += " - val_loss: %.4f - val_acc: %.4f" % (e["val_loss"], e["val_acc"])
        print(line, file=out)
        out.flush()
    res["seconds"] = time.perf_counter() - total
    secs = [e["seconds"] for e in res["epochs"]]
    res["epoch_s_median"] = statistics.median(secs[1:] if len(secs) > 1 else secs)
    print("It took: %.1f s" % res["seconds"], file=out)
    if clock:
        if res["time_to_target_s"] is None:
            print("val_acc never reached %.4f (checked every %d steps)" % (args.target, args.eval_every), file=out)
        else:
            print("val_acc first reached %.4f after step %d: %.1f s of training" % (args.target, res["target_step"], res["time_to_target_s"]), file=out)
    res["test_loss"], res["test_acc"] = tr.evaluate(xte, yte)
    res["test_samples"] = len(yte)
    if res["epochs"]:
        res["val_loss"], res["val_acc"] = res["epochs"][-1].get("val_loss"), res["epochs"][-1].get("val_acc")
    print("%d/%d test samples\nLoss: %.4f\nAccuracy: %.4f" % (len(yte), len(yte), res["test_loss"], res["test_acc"]),
          file=out)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--bench", action="store_true", help="speed measurements, as `werkbank bench`")
    mode.add_argument("--train", action="store_true", help="the post's full training run")
    mode.add_argument("--losses", type=int, metavar="N", help="print the first N training losses (samples in order)")
    ap.add_argument("--device", default="cpu", help="cpu, cuda or auto (cuda when available)")
    ap.add_argument("--threads", type=int, default=os.cpu_count(), help="torch.set_num_threads (default: all CPUs)")
    ap.add_argument("--batch-size", type=int, default=162)
    ap.add_argument("--warmup", type=int, default=3, help="--bench: steps after the first one and before the timed ones")
    ap.add_argument("--steps", type=int, default=30, help="--bench: timed training steps")
    ap.add_argument("--infer-batch", type=int, default=1000, help="--bench: images per inference call")
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--lr", type=float, default=0.001, help="learning rate (the peak of --lr-schedule onecycle)")
    ap.add_argument("--lr-schedule", choices=["constant", "onecycle"], default="constant")
    ap.add_argument("--quick", action="store_true",
                    help="werkbank's quick budget: at most 2 epochs, a constant rate becomes one cycle up to 10 times --lr")
    ap.add_argument("--target", type=float, default=0.0,
                    help="--train: time until the validation accuracy first reaches this value (0: not measured)")
    ap.add_argument("--eval-every", type=int, default=20, help="--target: steps between validation checks")
    ap.add_argument("--validation-split", type=float, default=0.1)
    ap.add_argument("--no-shuffle", action="store_true")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--limit-train", type=int, default=0, help="use only the first N training samples")
    ap.add_argument("--limit-test", type=int, default=0, help="use only the first N test samples")
    ap.add_argument("--data", default="", help="directory with the four MNIST .gz files")
    ap.add_argument("--data-on-device", action="store_true",
                    help="keep the data set on the device (default: gather on the host and copy each batch, as werkbank)")
    ap.add_argument("--no-tf32", action="store_true",
                    help="cuda: no TF32 in cuDNN convolutions and matmuls (torch's default allows it in convolutions)")
    ap.add_argument("--json", action="store_true", help="print the result as JSON on stdout (progress goes to stderr)")
    args = ap.parse_args()
    if args.quick:  # cnnlib.Quick
        args.epochs = min(args.epochs, 2)
        if args.lr_schedule == "constant":
            args.lr_schedule, args.lr = "onecycle", args.lr * 10
    if args.eval_every <= 0 or not 0 <= args.target < 1 or args.lr <= 0:
        ap.error("--eval-every wants a value > 0, --target a value in [0, 1), --lr a value > 0")
    if args.batch_size <= 0 or args.epochs <= 0 or args.steps <= 0 or args.warmup < 0 or args.infer_batch <= 0:
        ap.error("--batch-size, --epochs, --steps and --infer-batch want values > 0, --warmup >= 0")
    out = sys.stderr if args.json else sys.stdout

    if args.device == "auto":
        args.device = "cuda" if torch.cuda.is_available() else "cpu"
    if args.device.startswith("cuda") and not torch.cuda.is_available():
        sys.exit("torch_blog: --device %s but torch.cuda.is_available() is False" % args.device)
    device = torch.device(args.device)
    torch.set_num_threads(args.threads)
    if args.no_tf32:
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False

    t = time.perf_counter()
    ddir = find_data(args.data)
    home = os.path.expanduser("~")
    shown_dir = "~" + ddir[len(home):] if home != "/" and ddir.startswith(home + os.sep) else ddir  # no machine paths in results
    xtr, ytr, xte, yte = load_mnist(ddir)
    if args.limit_train > 0:
        xtr, ytr = xtr[:args.limit_train], ytr[:args.limit_train]
    if args.limit_test > 0:
        xte, yte = xte[:args.limit_test], yte[:args.limit_test]
    tr = Trainer(args, device)
    if args.data_on_device:
        xtr, ytr, xte, yte = (a.to(device) for a in (xtr, ytr, xte, yte))
    res = {
        "tool": "pytorch", "torch_version": torch.__version__, "device": str(device),
        "backend": "torch-%s %s" % (torch.__version__, device), "threads": torch.get_num_threads(),
        "cpus": os.cpu_count(), "cpu": cpu_model(), "python": platform.python_version(), "seed": args.seed,
        "batch_size": args.batch_size, "train_samples": len(ytr), "data_load_s": time.perf_counter() - t,
        "data_dir": shown_dir, "data_on_device": args.data_on_device,
        "tf32": device.type == "cuda" and torch.backends.cudnn.allow_tf32,
    }
    if device.type == "cuda":
        res["gpu"] = torch.cuda.get_device_name(device)
    print("torch_blog: torch %s on %s (%s), %d threads, %d CPUs; data from %s"
          % (torch.__version__, device, res.get("gpu", platform.processor() or platform.machine()),
             res["threads"], res["cpus"], shown_dir), file=out)

    if args.losses is not None:
        if args.losses <= 0:
            ap.error("--losses N wants N > 0")
        run_losses(args, tr, xtr, ytr, out, res)
    elif args.bench:
        run_bench(args, tr, xtr, ytr, xte, yte, out, res)
    else:
        run_train(args, tr, xtr, ytr, xte, yte, out, res)
    if args.json:
        json.dump(res, sys.stdout, indent=2)
        print()


if __name__ == "__main__":
    main()
