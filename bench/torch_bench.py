#!/usr/bin/env python3
"""PyTorch side of bench/compare: times the problems written by `basin-bench export`.

Reads DIR/problems.json and the raw little-endian arrays next to it, builds each MLP in float64
the way a PyTorch user would (one leaf tensor per nn.Linear weight and bias, F.linear, MSELoss or
CrossEntropyLoss with mean reduction), and prints one JSON line per (threads, config, op) with
the samples in ms, using the same protocol as basin.bench.WallClockSampler:

  warm-up: at least one call and until WARMUP seconds have passed;
  batch:   the smallest number of calls lasting >= SAMPLE_MS (from the last warm-up call);
  samples: batches until MEASURE seconds have passed (>= 1, <= MAX_SAMPLES), ms per call.

Operations (every call recomputes everything, as PyTorch does; grad/hvp/hessian alternate the two
parameter vectors w0 and w1 exactly like the Basin side):
  grad      loss and torch.autograd.grad over the leaf tensors
  hvp       "fresh point" HVP: forward, backward with create_graph=True, then
            torch.autograd.grad(grads, params, grad_outputs=v) (double backward)
  hvp_same  "same point" HVP: the create_graph backward is done once; each call is only the
            double backward with retain_graph=True (informational, like Basin's cached R-pass)
  hessian   torch.autograd.functional.hessian of the loss as a function of the flat parameter
            vector (A and B), vectorize=False (vectorize=True was 5-15x slower with torch 1.13)
  eigvalsh  torch.linalg.eigvalsh of the Hessian at w0 (B)
  dgemm     torch.mm of two 2000 x 2000 float64 matrices

Threads: each operation is timed under every setting in --threads: "1" = torch.set_num_threads(1)
and 1 OpenBLAS thread, "2" = 2 and 2 (official wheels tie their BLAS threads to torch's like this),
"1+blas" = torch at 1 thread and OpenBLAS at its default of one thread per core (Debian's
out-of-the-box state: torch.get_num_threads() is 1 here). The report keeps the fastest setting per
row. On this 2-core machine "2" can be 10-100x slower on small problems (torch's OpenMP threads and
OpenBLAS's pthreads spin against each other), so in round 1 a setting whose first sample is already
3x slower than another's median stops there, and the B Hessian is skipped at a setting whose HVP is
1.5x slower than another's; later rounds (--prefer-from) time only each row's winner.

With --check, writes torch_{loss,grad,hvp,hessian,eigvalsh}.f64 at w0 next to the inputs for the
agreement check of bench/compare_report.py, and for B torch_certify.json (the certificate Basin's
certifier gives, from the dense Hessian's eigenvalues), and exits.

With --spectral, times the spectral rows of issue 12 at w0 the way PyHessian computes them
(Hessian-vector products by double backward, torch.autograd.grad(grads, params, grad_outputs=v,
retain_graph=True), on a graph built once per run), with Basin's probe vectors (rademacher.i8,
lanczos_start.f64 of `basin-bench export`), and writes each result for the agreement check:
  lanczos_top5      Lanczos with full reorthogonalization (two classical Gram-Schmidt passes against
                    the whole basis, as Basin's Lanczos), exactly 100 products from the normalized
                    lanczos_start.f64, then the 5 largest eigenvalues of the 100 x 100 tridiagonal
                    (torch.linalg.eigvalsh): torch_top5.f64
  hutchinson_trace  mean of z_i . H z_i over the 100 rows z_i of rademacher.i8: torch_trace.f64
  slq_density       per probe l (row l of rademacher.i8, normalized) 100 Lanczos steps as above;
                    nodes = eigenvalues of T, weights = squared first components of its eigenvectors
                    (torch.linalg.eigh): torch_slq_nodes.f64, torch_slq_weights.f64
Each sample is one whole run (graph built, then all its products); the warm-up runs the same
method with 3 products. --threads takes one setting here (bench/compare passes the one that won
the configuration's hvp_same row in round 1).

Exit codes: 0 success, 2 bad command line or a configuration missing from problems.json.
"""
import argparse
import math
import ctypes
import json
import os
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

GEMM_SIZE = 2000


class Sampler:
    def __init__(self, warmup, measure, sample_ms, max_samples):
        self.warmup = warmup
        self.measure = measure
        self.sample_ms = sample_ms
        self.max_samples = max_samples

    def sample(self, op, warmup_op=None, cap_ms=None):
        """Samples in ms per call. warmup_op: a cheaper warm-up for operations of seconds (then
        every sample is one call). cap_ms: stop after the first sample if it is already slower
        than this (a thread setting that is clearly losing is not worth the minutes)."""
        warm = warmup_op or op
        end = time.perf_counter() + self.warmup
        while True:
            t0 = time.perf_counter()
            warm()
            last = time.perf_counter() - t0
            if time.perf_counter() >= end:
                break
        batch = 1
        if warmup_op is None:
            batch = max(1, min(1_000_000, int(np.ceil(self.sample_ms / 1e3 / max(last, 1e-9)))))
        samples = []
        end = time.perf_counter() + self.measure
        while True:
            t0 = time.perf_counter()
            for _ in range(batch):
                op()
            samples.append((time.perf_counter() - t0) * 1e3 / batch)
            if cap_ms is not None and samples[0] > cap_ms:
                break
            if len(samples) >= self.max_samples or time.perf_counter() >= end:
                break
        return samples


class Problem:
    """One configuration: data, parameter vectors and the MLP as a function of its parameters."""

    def __init__(self, root, name, spec):
        self.name = name
        self.spec = spec
        d = os.path.join(root, name)
        self.dir = d
        widths = spec["widths"]
        n = spec["n"]
        self.x = torch.from_numpy(np.fromfile(os.path.join(d, "x.f64"), dtype="<f8").reshape(n, widths[0]))
        if spec["y"].endswith(".i32"):
            self.y = torch.from_numpy(np.fromfile(os.path.join(d, spec["y"]), dtype="<i4").astype(np.int64))
        else:
            self.y = torch.from_numpy(np.fromfile(os.path.join(d, spec["y"]), dtype="<f8").reshape(n, widths[-1]))
        self.w0 = torch.from_numpy(np.fromfile(os.path.join(d, "w0.f64"), dtype="<f8"))
        self.w1 = torch.from_numpy(np.fromfile(os.path.join(d, "w1.f64"), dtype="<f8"))
        self.v = torch.from_numpy(np.fromfile(os.path.join(d, "v.f64"), dtype="<f8"))
        assert self.w0.numel() == spec["params"], (name, self.w0.numel(), spec["params"])
        # (offset, shape) of each tensor in the flat layout: W_l (out x in, row-major), then b_l
        self.layout = []
        off = 0
        for l in range(1, len(widths)):
            self.layout.append((off, (widths[l], widths[l - 1])))
            off += widths[l] * widths[l - 1]
            if spec["bias"]:
                self.layout.append((off, (widths[l],)))
                off += widths[l]
        assert off == spec["params"]
        self.act = {"relu": torch.relu, "tanh": torch.tanh}[spec["activation"]]
        self.loss = {"mse": F.mse_loss, "cross-entropy": F.cross_entropy}[spec["loss"]]
        self.h0 = None  # dense Hessian at w0, for the eigenvalue timing (computed once)

    def split(self, flat, requires_grad):
        """Leaf tensors (copies) for the parameters, like an nn.Module's."""
        out = []
        for off, shape in self.layout:
            n = int(np.prod(shape))
            t = flat[off:off + n].reshape(shape).clone()
            out.append(t.requires_grad_(requires_grad))
        return out

    def objective(self, params):
        """Mean loss; params = [W1, b1, W2, b2, ...] (or without biases)."""
        h = self.x
        step = 2 if self.spec["bias"] else 1
        layers = len(params) // step
        for l in range(layers):
            w = params[step * l]
            b = params[step * l + 1] if self.spec["bias"] else None
            h = F.linear(h, w, b)
            if l < layers - 1:
                h = self.act(h)
        return self.loss(h, self.y)

    def flat_objective(self, theta):
        params = [theta[off:off + int(np.prod(shape))].view(shape) for off, shape in self.layout]
        return self.objective(params)


def flat(tensors):
    return torch.cat([t.reshape(-1) for t in tensors]).detach()


def write_f64(path, t):
    np.ascontiguousarray(t.detach().numpy(), dtype="<f8").tofile(path)


def emit(out, threads, config, op, samples):
    out.write(json.dumps({"side": "torch", "round": ARGS.round, "threads": threads, "config": config,
                          "op": op, "ms": [float("%.6g" % s) for s in samples]}) + "\n")
    out.flush()
    MEDIANS[(config, op, threads)] = float(np.median(samples))


def hessian_fn(problem, theta):
    # vectorize=True (vmap, experimental in torch 1.x) was 5-15x slower here on A and B
    return torch.autograd.functional.hessian(problem.flat_objective, theta, vectorize=False)


THREAD_SETTINGS = {
    # name: (torch.set_num_threads, OpenBLAS threads or None for OpenBLAS's own default)
    "1": (1, 1),
    "2": (2, 2),
    "1+blas": (1, None),
}


def set_threads(setting):
    """torch.set_num_threads(t) and, for the system OpenBLAS that Debian's torch calls, the same
    number of BLAS threads (official wheels tie their BLAS threads to torch's in the same way).
    "1+blas" is Debian's out-of-the-box state: torch at 1 thread, OpenBLAS at its default
    (one thread per core)."""
    torch_threads, blas_threads = THREAD_SETTINGS[setting]
    torch.set_num_threads(torch_threads)
    if OPENBLAS is not None:
        OPENBLAS.openblas_set_num_threads(blas_threads if blas_threads is not None else os.cpu_count())


def load_openblas():
    try:
        lib = ctypes.CDLL("libopenblas.so.0")
        lib.openblas_set_num_threads.argtypes = [ctypes.c_int]
        lib.openblas_get_num_threads.restype = ctypes.c_int
        return lib
    except (OSError, AttributeError):
        return None


def blas_meta():
    """The BLAS this process runs: OpenBLAS's own openblas_get_config() and openblas_get_corename()
    (from the library torch loaded), and the BLAS/OpenBLAS files mapped into the process."""
    meta = {}
    if OPENBLAS is not None:
        try:
            OPENBLAS.openblas_get_config.restype = ctypes.c_char_p
            OPENBLAS.openblas_get_corename.restype = ctypes.c_char_p
            meta["openblas_config"] = OPENBLAS.openblas_get_config().decode()
            meta["openblas_corename"] = OPENBLAS.openblas_get_corename().decode()
        except AttributeError:
            pass
    try:
        with open("/proc/self/maps") as f:
            files = sorted({line.split()[-1] for line in f if "blas" in line.rsplit("/", 1)[-1]})
        meta["blas_files"] = files
    except OSError:
        pass
    return meta


def wanted(config, op, threads):
    """In rounds after the first, only the thread setting that won that row in round 1 is timed; --ops limits the ops."""
    if ARGS.ops and op not in ARGS.ops.split(","):
        return False
    return PLAN is None or PLAN.get((config, op), threads) == threads


def cap(config, op, threads):
    """Round 1: a setting whose first sample is 3x slower than the best earlier one stops there."""
    best = [m for (c, o, t), m in MEDIANS.items() if c == config and o == op and t != threads]
    return 3 * min(best) if best else None


def hvp_competitive(config, threads):
    mine = MEDIANS.get((config, "hvp", threads))
    others = [m for (c, o, t), m in MEDIANS.items() if c == config and o == "hvp" and t != threads]
    return mine is None or not others or mine <= 1.5 * min(others)


def run(out, threads, config, op, fn, warmup_op=None):
    if wanted(config, op, threads):
        emit(out, threads, config, op, SAMPLER.sample(fn, warmup_op, cap(config, op, threads)))


def time_problem(problem, threads, out):
    p0 = problem.split(problem.w0, True)
    p1 = problem.split(problem.w1, True)
    vs = problem.split(problem.v, False)
    flip = [0]
    name = problem.name

    def next_params():
        flip[0] += 1
        return p0 if flip[0] & 1 else p1

    def grad():
        ps = next_params()
        loss = problem.objective(ps)
        return torch.autograd.grad(loss, ps)

    def hvp():
        ps = next_params()
        loss = problem.objective(ps)
        gs = torch.autograd.grad(loss, ps, create_graph=True)
        return torch.autograd.grad(gs, ps, grad_outputs=vs)

    run(out, threads, name, "grad", grad)
    run(out, threads, name, "hvp", hvp)

    loss0 = problem.objective(p0)
    gs0 = torch.autograd.grad(loss0, p0, create_graph=True)
    run(out, threads, name, "hvp_same", lambda: torch.autograd.grad(gs0, p0, grad_outputs=vs, retain_graph=True))
    del gs0, loss0

    if problem.spec["dense_hessian"]:
        points = [problem.w0, problem.w1]

        def hessian():
            flip[0] += 1
            return hessian_fn(problem, points[flip[0] & 1])

        # The Hessian is P double-backward passes: a few HVPs warm up the same code paths. A
        # setting whose HVP is already 1.5x slower than another's is not tried on the Hessian
        # (it cost minutes: 2 torch threads + 2 OpenBLAS threads spin against each other here).
        if hvp_competitive(name, threads):
            run(out, threads, name, "hessian", hessian, warmup_op=hvp if problem.spec["params"] > 1000 else None)
        else:
            print(f"torch_bench: round {ARGS.round}: skipping {name} hessian at threads {threads}: its HVP is "
                  f">1.5x slower than at another setting", file=sys.stderr)
        if name == "B" and wanted(name, "neb", threads):
            limit = cap(name, "neb", threads)  # the medians are per iteration, a sample is NEB_ITERATIONS of them
            samples = SAMPLER.sample(lambda: neb_band(problem), None, None if limit is None else limit * NEB_ITERATIONS)
            emit(out, threads, name, "neb", [s / NEB_ITERATIONS for s in samples])
        if name == "B" and wanted(name, "eigvalsh", threads):
            if problem.h0 is None:
                problem.h0 = hessian_fn(problem, problem.w0)
            run(out, threads, name, "eigvalsh", lambda: torch.linalg.eigvalsh(problem.h0))


NEB_IMAGES = 20
NEB_ITERATIONS = 10


def neb_band(problem, images=NEB_IMAGES, iterations=NEB_ITERATIONS, k=1.0, dt0=0.01, dt_max=0.1, max_move=0.05):
    """The plain nudged elastic band of basin-landscape NudgedElasticBand (its defaults: k = 1, FIRE dt 0.01
    up to 0.1, step at most 0.05; improved tangent, projected springs, the switching perpendicular spring)
    from the straight line w0 -> w1, run for `iterations` FIRE iterations: iterations + 1 force evaluations
    (one gradient per interior image, by autograd), as Basin's run does."""
    a, b = problem.w0, problem.w1
    n = images
    t = torch.linspace(0, 1, n + 2, dtype=torch.float64)[:, None]
    x = (1 - t) * a + t * b
    e = torch.empty(n + 2, dtype=torch.float64)
    with torch.no_grad():
        e[0] = problem.flat_objective(a)
        e[-1] = problem.flat_objective(b)
    v = torch.zeros(n, a.numel(), dtype=torch.float64)
    g = torch.empty(n, a.numel(), dtype=torch.float64)
    dt, alpha, positive, it = dt0, 0.1, 0, 0
    while True:
        for i in range(1, n + 1):
            theta = x[i].clone().requires_grad_(True)
            loss = problem.flat_objective(theta)
            g[i - 1], = torch.autograd.grad(loss, theta)
            e[i] = loss.detach()
        with torch.no_grad():
            tp = x[2:] - x[1:-1]
            tm = x[1:-1] - x[:-2]
            vp = e[2:] - e[1:-1]
            vm = e[1:-1] - e[:-2]
            dmax = torch.maximum(vp.abs(), vm.abs())
            dmin = torch.minimum(vp.abs(), vm.abs())
            up = e[2:] > e[:-2]
            wp = torch.where(up, dmax, dmin)
            wm = torch.where(up, dmin, dmax)
            flat_ = (wp == 0) & (wm == 0)
            wp = torch.where(flat_, torch.ones_like(wp), wp)
            wm = torch.where(flat_, torch.ones_like(wm), wm)
            inc = (vp > 0) & (vm > 0)
            dec = (vp < 0) & (vm < 0)
            wp = torch.where(inc, torch.ones_like(wp), torch.where(dec, torch.zeros_like(wp), wp))
            wm = torch.where(inc, torch.zeros_like(wm), torch.where(dec, torch.ones_like(wm), wm))
            tau = wp[:, None] * tp + wm[:, None] * tm
            norm = tau.norm(dim=1, keepdim=True)
            tau = torch.where(norm > 0, tau / norm, tau)
            dplus = tp.norm(dim=1)
            dminus = tm.norm(dim=1)
            gt = (g * tau).sum(1)
            force = -(g - gt[:, None] * tau) + (k * (dplus - dminus))[:, None] * tau
            cos = (tp * tm).sum(1) / (dplus * dminus)
            kink = 0.5 * (1 + torch.cos(math.pi * cos))
            fs = k * (tp - tm)
            st = (fs * tau).sum(1)
            force += kink[:, None] * (fs - st[:, None] * tau)
            if it >= iterations:
                return force
            it += 1
            power = float((force * v).sum())
            if power > 0:
                v = (1 - alpha) * v + (alpha * float(v.norm()) / float(force.norm())) * force
                if positive > 5:
                    dt = min(1.1 * dt, dt_max)
                    alpha *= 0.99
                positive += 1
            else:
                v.zero_()
                dt *= 0.5
                alpha = 0.1
                positive = 0
            v += dt * force
            step = dt * float(v.norm())
            scale = max_move / step if step > max_move else 1.0
            x[1:-1] += (scale * dt) * v


def hvp_operator(problem, theta):
    """v -> H(theta) v by double backward on a graph built once (PyHessian's hessian_vector_product)."""
    params = problem.split(theta, True)
    loss = problem.objective(params)
    grads = torch.autograd.grad(loss, params, create_graph=True)
    sizes = [int(np.prod(shape)) for _, shape in problem.layout]
    shapes = [shape for _, shape in problem.layout]

    def apply(v):
        vs = [t.view(shape) for t, shape in zip(torch.split(v, sizes), shapes)]
        hv = torch.autograd.grad(grads, params, grad_outputs=vs, retain_graph=True)
        return torch.cat([h.reshape(-1) for h in hv])

    return apply


def lanczos(apply, start, steps):
    """Lanczos with full reorthogonalization: w = H v_j, two classical Gram-Schmidt passes against
    v_0..v_j (alpha_j = v_j . H v_j, the diagonal), beta_j = ||w||. Returns the steps x steps tridiagonal T
    (fewer steps after an exact breakdown, beta <= 1e-12 of the largest |alpha|, |beta| seen)."""
    n = start.numel()
    basis = torch.empty(steps + 1, n, dtype=torch.float64)
    basis[0] = start / start.norm()
    alpha = torch.zeros(steps, dtype=torch.float64)
    beta = torch.zeros(steps, dtype=torch.float64)
    scale = 0.0
    m = steps
    for j in range(steps):
        w = apply(basis[j])
        a = torch.dot(basis[j], w)
        alpha[j] = a
        vj = basis[:j + 1]
        for _ in range(2):
            w -= vj.t().mv(vj.mv(w))
        b = float(w.norm())
        scale = max(scale, abs(float(a)), float(beta[j - 1]) if j > 0 else 0.0)
        if j == steps - 1 or b <= 1e-12 * max(scale, b):
            m = j + 1
            break
        beta[j] = b
        basis[j + 1] = w / b
    return torch.diag(alpha[:m]) + torch.diag(beta[:m - 1], 1) + torch.diag(beta[:m - 1], -1)


def spectral_top(problem, theta, start, products, top):
    t = lanczos(hvp_operator(problem, theta), start, products)
    return torch.linalg.eigvalsh(t).flip(0)[:top]


def spectral_trace(problem, theta, probes, count):
    apply = hvp_operator(problem, theta)
    total = 0.0
    for i in range(count):
        z = probes[i].to(torch.float64)
        total += float(torch.dot(z, apply(z)))
    return total / count


def spectral_slq(problem, theta, probes, count, steps):
    apply = hvp_operator(problem, theta)
    nodes, weights = [], []
    for l in range(count):
        t = lanczos(apply, probes[l].to(torch.float64), steps)
        lam, vec = torch.linalg.eigh(t)
        nodes.append(lam)
        weights.append(vec[0] ** 2)
    return torch.cat(nodes), torch.cat(weights)


def run_spectral(problem, threads, sampler, slq_probes, out):
    """The spectral rows on one problem at one thread setting; writes the results next to its files."""
    spec = SPECTRAL
    p = problem.spec["params"]
    probes = torch.from_numpy(np.fromfile(os.path.join(problem.dir, "rademacher.i8"), dtype="i1").reshape(-1, p))
    start = torch.from_numpy(np.fromfile(os.path.join(problem.dir, "lanczos_start.f64"), dtype="<f8"))
    w0 = problem.w0
    last = {}
    ops = ARGS.ops.split(",") if ARGS.ops else ["lanczos_top5", "hutchinson_trace", "slq_density"]

    def line(op, samples, products, count):
        out.write(json.dumps({"side": "torch", "round": ARGS.round, "threads": threads, "config": problem.name, "op": op,
                              "ms": [float("%.6g" % s) for s in samples], "products": products, "probes": count}) + "\n")
        out.flush()

    if "lanczos_top5" in ops:
        n = spec["lanczos_products"]
        samples = sampler.sample(lambda: last.__setitem__("top", spectral_top(problem, w0, start, n, spec["top"])),
                                 lambda: spectral_top(problem, w0, start, 3, spec["top"]))
        line("lanczos_top5", samples, n, 1)
        write_f64(os.path.join(problem.dir, "torch_top5.f64"), last["top"])
    if "hutchinson_trace" in ops:
        n = spec["trace_probes"]
        samples = sampler.sample(lambda: last.__setitem__("trace", spectral_trace(problem, w0, probes, n)),
                                 lambda: spectral_trace(problem, w0, probes, 3))
        line("hutchinson_trace", samples, n, n)
        write_f64(os.path.join(problem.dir, "torch_trace.f64"), torch.tensor([last["trace"]], dtype=torch.float64))
    if "slq_density" in ops:
        steps = spec["slq_steps"]
        samples = sampler.sample(lambda: last.__setitem__("slq", spectral_slq(problem, w0, probes, slq_probes, steps)),
                                 lambda: spectral_slq(problem, w0, probes, 1, 3))
        line("slq_density", samples, slq_probes * steps, slq_probes)
        write_f64(os.path.join(problem.dir, "torch_slq_nodes.f64"), last["slq"][0])
        write_f64(os.path.join(problem.dir, "torch_slq_weights.f64"), last["slq"][1])


def time_gemm(threads, out):
    g = torch.Generator().manual_seed(20240917)
    a = torch.rand(GEMM_SIZE, GEMM_SIZE, dtype=torch.float64, generator=g) - 0.5
    b = torch.rand(GEMM_SIZE, GEMM_SIZE, dtype=torch.float64, generator=g) - 0.5
    c = torch.empty(GEMM_SIZE, GEMM_SIZE, dtype=torch.float64)
    run(out, threads, "dgemm%d" % GEMM_SIZE, "dgemm", lambda: torch.mm(a, b, out=c))


def read_plan(path):
    """(config, op) -> the thread setting with the lowest median in an earlier samples file."""
    medians = {}
    with open(path) as f:
        for line in f:
            rec = json.loads(line)
            if rec.get("side") != "torch" or "ms" not in rec:
                continue
            medians.setdefault((rec["config"], rec["op"], rec["threads"]), []).extend(rec["ms"])
    plan = {}
    for (config, op, threads), ms in medians.items():
        m = float(np.median(ms))
        if (config, op) not in plan or m < plan[(config, op)][1]:
            plan[(config, op)] = (threads, m)
    return {k: t for k, (t, _) in plan.items()}


def write_check(problem):
    p0 = problem.split(problem.w0, True)
    vs = problem.split(problem.v, False)
    loss = problem.objective(p0)
    gs = torch.autograd.grad(loss, p0, create_graph=True)
    hv = torch.autograd.grad(gs, p0, grad_outputs=vs)
    write_f64(os.path.join(problem.dir, "torch_loss.f64"), loss.detach().reshape(1))
    write_f64(os.path.join(problem.dir, "torch_grad.f64"), flat(gs))
    write_f64(os.path.join(problem.dir, "torch_hvp.f64"), flat(hv))
    if problem.spec["dense_hessian"]:
        h = hessian_fn(problem, problem.w0)
        write_f64(os.path.join(problem.dir, "torch_hessian.f64"), h)
        if problem.name == "B":
            lam = torch.linalg.eigvalsh(h)
            write_f64(os.path.join(problem.dir, "torch_eigvalsh.f64"), lam)
            with open(os.path.join(problem.dir, "torch_certify.json"), "w") as f:
                json.dump(certificate(problem, lam.numpy()), f)
                f.write("\n")


CERTIFY_RELATIVE_TOLERANCE = 1e-6  # Basin's Certifier default: |lambda| <= 1e-6 max(1, |lambda_max|) is zero


def certificate(problem, lam):
    """What Basin's certifier reports, from all eigenvalues (ascending) of the dense Hessian: tau =
    1e-6 max(1, |lambda_max|), index = #{lambda < -tau}, nullity = #{|lambda| <= tau}, the class
    (SADDLE if index > 0, else STRICT_MINIMUM if the nullity is at most the symmetry zero modes r,
    else DEGENERATE_MINIMUM), and the 5 smallest eigenvalues once the r of smallest magnitude are
    removed. r: softmax cross-entropy is invariant under adding u . h + c to every logit (h the last
    hidden layer), so with a bias on the output layer r = 1 + d_{L-1} directions are exact null
    vectors of the Hessian everywhere; 0 for MSE."""
    widths = problem.spec["widths"]
    r = 1 + widths[-2] if problem.spec["loss"] == "cross-entropy" and problem.spec["bias"] else 0
    lam_max = float(lam[-1])
    tau = CERTIFY_RELATIVE_TOLERANCE * max(1.0, abs(lam_max))
    index = int(np.sum(lam < -tau))
    nullity = int(np.sum(np.abs(lam) <= tau))
    cls = "SADDLE" if index > 0 else ("STRICT_MINIMUM" if nullity <= r else "DEGENERATE_MINIMUM")
    keep = np.sort(np.argsort(np.abs(lam))[r:])
    return {"class": cls, "index": index, "nullity": nullity, "positive": int(lam.size - index - nullity),
            "smallest": [float(x) for x in lam[keep][:5]], "largest": lam_max, "tau": tau, "symmetry_zero_modes": r}


SAMPLER = None
SPECTRAL = None
MEDIANS = {}
PLAN = None
OPENBLAS = None
ARGS = None


def certified_minimum(problem, starts, max_iter, out):
    """PyTorch's per-start pipeline on a problem: torch.optim.LBFGS with the strong Wolfe line search
    (history 10, as Basin's L-BFGS) from each exported start until the gradient's largest entry is
    <= 1e-8 or max_iter iterations (tolerance_change 0, so it does not stop merely because the loss
    stalls), then the certificate Basin applies: ||grad||_2 <= 1e-8 and, only then, the dense
    Hessian's eigenvalues (torch.autograd.functional.hessian, eigvalsh) with none below
    -1e-6 max(1, |lambda_max|). One JSON line: ms per start, certified count, final gradient norms."""
    ms, norms, certified = [], [], 0
    for i in range(starts):
        path = os.path.join(problem.dir, f"start_{i}.f64")
        if not os.path.exists(path):
            print(f"torch_bench: {path} is missing (run basin-bench export --starts {starts})", file=sys.stderr)
            return 2
        theta0 = torch.from_numpy(np.fromfile(path, dtype="<f8"))
        t0 = time.perf_counter()
        params = problem.split(theta0, True)
        opt = torch.optim.LBFGS(params, lr=1, max_iter=max_iter, max_eval=max_iter * 5 // 4,
                                tolerance_grad=1e-8, tolerance_change=0.0, history_size=10,
                                line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = problem.objective(params)
            loss.backward()
            return loss

        opt.step(closure)
        loss = problem.objective(params)
        grads = torch.autograd.grad(loss, params)
        gnorm = float(torch.cat([g.reshape(-1) for g in grads]).norm())
        ok = False
        if gnorm <= 1e-8:
            lam = torch.linalg.eigvalsh(hessian_fn(problem, flat(params)))
            ok = bool(lam[0] >= -1e-6 * max(1.0, float(lam.abs().max())))
        ms.append((time.perf_counter() - t0) * 1e3)
        norms.append(gnorm)
        certified += ok
        print(f"torch_bench: certified-minimum start {i}: {ms[-1]:.0f} ms, ||g|| = {gnorm:.2e}, certified {ok}",
              file=sys.stderr)
    out.write(json.dumps({"side": "torch", "round": ARGS.round, "threads": "1", "config": problem.name,
                          "op": "certified-minimum", "ms": [float("%.6g" % s) for s in ms],
                          "certified": certified, "starts": starts,
                          "grad_norms": [float("%.3g" % g) for g in norms]}) + "\n")
    out.flush()
    return 0


def main():
    global ARGS
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", required=True, help="directory written by basin-bench export")
    ap.add_argument("--configs", default=None, help="comma-separated subset of the configurations (default: all)")
    ap.add_argument("--threads", default="1,1+blas,2",
                    help="thread settings to try, from " + ", ".join(THREAD_SETTINGS) + " (default 1,1+blas,2)")
    ap.add_argument("--round", type=int, default=1)
    ap.add_argument("--warmup", type=float, default=1.0)
    ap.add_argument("--measure", type=float, default=1.5)
    ap.add_argument("--sample-ms", type=float, default=20.0)
    ap.add_argument("--max-samples", type=int, default=50)
    ap.add_argument("--no-gemm", action="store_true")
    ap.add_argument("--ops", default=None, help="comma-separated subset of the operations (default: all)")
    ap.add_argument("--prefer-from", default=None,
                    help="samples file of an earlier round: time each row only at the thread setting that won there")
    ap.add_argument("--check", action="store_true", help="write torch_*.f64 results at w0 and exit")
    ap.add_argument("--certified-minimum", type=int, default=0, metavar="K",
                    help="only run the certified-minimum pipeline on A from the K exported starts and exit")
    ap.add_argument("--max-iter", type=int, default=10000, help="L-BFGS iterations per start for --certified-minimum")
    ap.add_argument("--spectral", action="store_true",
                    help="only time the spectral rows (lanczos_top5, hutchinson_trace, slq_density) at one thread setting and exit")
    ap.add_argument("--slq-probes", type=int, default=None, help="SLQ probes for --spectral (default: problems.json's)")
    ARGS = ap.parse_args()

    global SPECTRAL
    with open(os.path.join(ARGS.dir, "problems.json")) as f:
        everything = json.load(f)
    specs = everything["configs"]
    SPECTRAL = everything.get("spectral")
    names = ARGS.configs.split(",") if ARGS.configs else list(specs)
    for name in names:
        if name not in specs:
            print(f"torch_bench: configuration {name!r} is not in {ARGS.dir}/problems.json (has {', '.join(specs)})",
                  file=sys.stderr)
            return 2
    torch.set_grad_enabled(True)
    problems = [Problem(ARGS.dir, name, specs[name]) for name in names]
    if ARGS.check:
        for problem in problems:
            write_check(problem)
        return 0
    global SAMPLER, PLAN, OPENBLAS
    OPENBLAS = load_openblas()
    if ARGS.certified_minimum:
        set_threads("1")
        for problem in problems:
            if problem.name == "A":
                rc = certified_minimum(problem, ARGS.certified_minimum, ARGS.max_iter, sys.stdout)
                if rc:
                    return rc
        return 0
    if ARGS.spectral:
        settings = ARGS.threads.split(",")
        if len(settings) != 1 or settings[0] not in THREAD_SETTINGS or SPECTRAL is None:
            print(f"torch_bench: --spectral needs one --threads setting from {', '.join(THREAD_SETTINGS)} and a problems.json "
                  f"with a spectral block, got {ARGS.threads!r}", file=sys.stderr)
            return 2
        slq_probes = ARGS.slq_probes or SPECTRAL["slq_probes"]
        if not 1 <= slq_probes <= SPECTRAL["trace_probes"]:
            print(f"torch_bench: --slq-probes must be in [1, {SPECTRAL['trace_probes']}], got {slq_probes}", file=sys.stderr)
            return 2
        set_threads(settings[0])
        sampler = Sampler(ARGS.warmup, ARGS.measure, 0.0, ARGS.max_samples)
        for problem in problems:
            run_spectral(problem, settings[0], sampler, slq_probes, sys.stdout)
        return 0
    if ARGS.prefer_from:
        PLAN = read_plan(ARGS.prefer_from)
    out = sys.stdout
    out.write(json.dumps({"side": "torch", "round": ARGS.round,
                          "meta": {"torch": torch.__version__, "numpy": np.__version__,
                                   "openblas_default_threads": OPENBLAS.openblas_get_num_threads() if OPENBLAS else None,
                                   "default_threads": torch.get_num_threads(), **blas_meta()}}) + "\n")
    SAMPLER = Sampler(ARGS.warmup, ARGS.measure, ARGS.sample_ms, ARGS.max_samples)
    settings = ARGS.threads.split(",")
    for setting in settings:
        if setting not in THREAD_SETTINGS:
            print(f"torch_bench: unknown thread setting {setting!r}, expected one of {', '.join(THREAD_SETTINGS)}",
                  file=sys.stderr)
            return 2
    for threads in settings:
        set_threads(threads)
        for problem in problems:
            time_problem(problem, threads, out)
        if not ARGS.no_gemm:
            time_gemm(threads, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
