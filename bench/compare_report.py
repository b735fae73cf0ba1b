#!/usr/bin/env python3
"""Report of bench/compare: medians, agreement check, markdown table, JSON lines.

Reads the samples (JSON lines from `basin-bench time` and torch_bench.py, all rounds) and the
problem directory (problems.json, basin_*.f64 and torch_*.f64 results at w0), then

1. checks that Basin and PyTorch compute the same thing: loss, gradient and HVP within relative
   1e-10 (gradient and HVP: max-norm of the difference over max-norm of PyTorch's vector),
   dense Hessian of A and B and eigenvalues of B likewise; the spectral rows within relative 1e-8
   (top-5 eigenvalues, Hutchinson trace, SLQ nodes, SLQ weights, and the SLQ density of both on
   one grid with one width); the B certificate (class, index and nullity equal, 5 smallest
   eigenvalues within the certificate's zero threshold tau);
2. takes the median of every row over all samples of all rounds (PyTorch: per thread setting,
   then the faster setting), and per round the ratio of the two sides' medians of that round at
   those settings;
3. prints a markdown table with the ratio basin/torch, its range over the rounds and the targets
   of the performance issue (met only when the slow end of the range meets it), with 3 or more
   runs the 95% run interval (where the ratio of one more run falls: the prediction interval of
   the runs' own ratios, log scale, Student's t), plus DGEMM rates and the C-gradient rate as a
   fraction of Basin's DGEMM rate, and both sides' BLAS;
4. with --json FILE, writes one line per row: {config, op, basin_ms, torch_ms, ratio, ratio_min,
   ratio_max, rounds, runs, run_min, run_max, interval_lo, interval_hi};
5. with --expect FILE (such JSON lines, e.g. bench/reference.jsonl, the README's table), lists the
   rows whose ratio falls outside FILE's 95% run interval (its range over rounds for a reference
   of fewer than 3 runs) and, against intervals, whether that many rows outside is what a 95%
   coverage explains (binomial tail >= 0.05: "reproduced").

--samples takes one file per run of bench/compare; several are pooled (medians over all their
samples, ranges over all their rounds, the rounds of different runs kept apart).

With --best SIDE CONFIG OP (and --samples), prints only the thread setting with the lowest median
of that row (bench/compare times the spectral rows at the setting that won hvp_same).

Exit codes: 0 report written and the gating checks passed (loss, gradient, spectral rows,
certificate), 1 a gating check failed (the timings would not compare the same work), 2 missing or
unreadable input.
"""
import math
import subprocess
import argparse
import json
import os
import sys

import numpy as np

CHECK_TOLERANCE = 1e-10  # relative; float64 sums in different orders differ by ~1e-15..1e-13
SPECTRAL_TOLERANCE = 1e-8  # relative, the issue's: Lanczos/SLQ results of the two sides
SPECTRAL_OPS = ("lanczos_top5", "hutchinson_trace", "slq_density")

# (config, op) -> maximum ratio basin/torch, from the performance issue
TARGETS = {
    ("A", "grad"): 0.2,
    ("A", "hvp"): 0.2,
    ("B", "grad"): 0.5,
    ("B", "hvp"): 0.5,
    ("C", "grad"): 1.0,
    ("C", "hvp"): 1.0,
    ("A", "hessian"): 0.05,
    ("B", "hessian+eigvalsh"): 0.1,
    ("B", "neb"): 0.5,
    ("B", "certify"): 0.1,
}
for _c in ("B", "C"):
    for _op in SPECTRAL_OPS:
        TARGETS[(_c, _op)] = 0.5
C_GRAD_DGEMM_FRACTION = 0.7  # the performance issue's: C loss+gradient at >= 70% of Basin's DGEMM rate
# (config, op) -> maximum Basin median in ms, absolute targets of the issue
ABSOLUTE_TARGETS = {
    ("A", "certified-minimum"): 500.0,
    ("P10000", "certify"): 30000.0,
}

ROWS = [
    ("A", "grad"), ("A", "hvp"), ("A", "hvp_same"), ("A", "hessian"),
    ("B", "grad"), ("B", "hvp"), ("B", "hvp_same"), ("B", "hessian"), ("B", "eigvalsh"), ("B", "hessian+eigvalsh"), ("B", "neb"),
    ("B", "certify"), ("B", "lanczos_top5"), ("B", "hutchinson_trace"), ("B", "slq_density"),
    ("C", "grad"), ("C", "hvp"), ("C", "hvp_same"), ("C", "lanczos_top5"), ("C", "hutchinson_trace"), ("C", "slq_density"),
    ("A", "certified-minimum"),
    ("P10000", "certify"),
    ("dgemm2000", "dgemm"),
]
NOTES = {
    "hvp": "fresh point: forward+backward+R-pass / double backward",
    "hvp_same": "same point: Basin cached forward/backward, torch retained graph",
    "eigvalsh": "Basin: DenseSpectrum (LAPACK dsyevd via JNI); torch: LAPACK syevd via torch.linalg.eigvalsh",
    "hessian+eigvalsh": "sum of the two medians",
    "neb": "one nudged-elastic-band iteration, 20 images w0 -> w1 (20 gradients, improved tangents, springs, FIRE step); "
           "10 iterations timed, divided by 10 (issue 14)",
    "certify": "Basin: Certifier (defaults, INERTIA: Lanczos for lambda_max and the 5 smallest, dense Hessian, two LDL^T "
               "factorizations) at w0 told to treat it as critical; torch: the hessian and eigvalsh rows summed (all eigenvalues, "
               "from which the same class, index, nullity and 5 smallest follow)",
    "lanczos_top5": "5 largest Ritz values after exactly 100 HVPs, full reorthogonalization, Basin's start vector on both sides",
    "hutchinson_trace": "mean of z.Hz over Basin's 100 Rademacher probes",
    "slq_density": "SLQ: per probe 100 Lanczos steps (full reorthogonalization), nodes and weights; the op column says "
                   "when fewer probes than the issue's 10 were timed (C: the time is linear in the probes, so the ratio is that of 10)",
    "certified-minimum": "ms per start of the whole pipeline (optimizer chain and certification), median over the starts; "
                         "the target is absolute (Basin median <= 500 ms); certified counts below",
}


CERTIFIED = {}  # (side, config) -> (certified, starts), from the certified-minimum lines
LARGE_CERTIFICATES = {}  # (config, op) -> the certify-large line (network, class, counts)
BY_ROUND = {"basin": {}, "torch": {}}  # side -> (config, op) -> threads -> round -> samples
PROBES = {}  # (side, config, op) -> probes of the timed spectral runs


def load_samples(paths):
    """Samples of one or more runs of bench/compare (one samples.jsonl each). Rounds are told apart
    by (run, round): pooling runs gives the ratio range over every round of every run."""
    basin, torch = {}, {}
    meta = []
    for run, path in enumerate(paths, 1):
        _load_run(path, run, basin, torch, meta)
    return basin, torch, meta


def _load_run(path, run, basin, torch, meta):
    with open(path) as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as e:
                raise SystemExit(f"compare_report: {path}:{n}: not a JSON line ({e}): {line[:80]}")
            rec["round"] = (run, rec.get("round", 1))
            if "meta" in rec:
                meta.append(rec)
                continue
            key = (rec["config"], rec["op"])
            if "certified" in rec:
                CERTIFIED[(rec["side"], rec["config"])] = rec
            if "network" in rec:
                LARGE_CERTIFICATES[key] = rec
            side = basin if rec["side"] == "basin" else torch
            threads = rec.get("threads") or "-"
            side.setdefault(key, {}).setdefault(threads, []).extend(rec["ms"])
            BY_ROUND[rec["side"]].setdefault(key, {}).setdefault(threads, {}).setdefault(rec["round"], []).extend(rec["ms"])
            if "probes" in rec:
                PROBES[(rec["side"],) + key] = rec["probes"]


def spread(samples):
    """p90 / p10 of the samples: above SPREAD_FLAG the median of that row is unstable."""
    if len(samples) < 3:
        return 1.0
    p10, p90 = np.percentile(samples, [10, 90])
    return p90 / p10 if p10 > 0 else float("inf")


SPREAD_FLAG = 1.5


def best_setting(side):
    """Per row, the thread setting with the lowest median, and that median: both sides are timed
    at each of their settings and judged at their best, as the performance issue asks for the peer."""
    med, setting = {}, {}
    for k, per in side.items():
        best = min(per.items(), key=lambda kv: np.median(kv[1]))
        med[k] = float(np.median(best[1]))
        setting[k] = best[0]
    if ("B", "hessian") in med and ("B", "eigvalsh") in med:
        med[("B", "hessian+eigvalsh")] = med[("B", "hessian")] + med[("B", "eigvalsh")]
        setting[("B", "hessian+eigvalsh")] = "%s+%s" % (setting[("B", "hessian")], setting[("B", "eigvalsh")])
    return med, setting


def round_ratios(key):
    """Per round: Basin's median of that round / PyTorch's median of that round, each side at its
    fastest setting timed in that round (later rounds time only round 1's winners, so the setting
    chosen over all rounds may exist in one round only: requiring it left one-round "ranges").
    Composite rows (hessian+eigvalsh; certify's PyTorch side) add the parts' medians of the round.
    Rounds where a side has no samples are left out."""
    return grouped_ratios(key, lambda r: r)


def run_ratios(key):
    """Per run of bench/compare: the ratio that run's report alone gives (each side's median over
    all samples of the run at its fastest setting; composite rows add the parts' medians)."""
    return grouped_ratios(key, lambda r: r[0])


def grouped_ratios(key, group):
    """Ratios Basin / PyTorch per group of rounds (group maps a round (run, round) to its group)."""
    def per_group(side, k):
        out = {}
        for per in BY_ROUND[side].get(k, {}).values():
            pooled = {}
            for r, ms in per.items():
                pooled.setdefault(group(r), []).extend(ms)
            for g, ms in pooled.items():
                m = float(np.median(ms))
                out[g] = min(out.get(g, m), m)
        return out

    def composite(side, parts):
        groups = [per_group(side, ("B", part)) for part in parts]
        common = set(groups[0]).intersection(*groups[1:])
        return {g: sum(x[g] for x in groups) for g in common}

    dense = ["hessian", "eigvalsh"]
    if key == ("B", "hessian+eigvalsh"):
        b, t = composite("basin", dense), composite("torch", dense)
    elif key == ("B", "certify"):
        b, t = per_group("basin", key), composite("torch", dense)
    else:
        b, t = per_group("basin", key), per_group("torch", key)
    return [b[g] / t[g] for g in sorted(set(b) & set(t)) if t[g] > 0]


PREDICTION_LEVEL = 0.95


def student_t_two_sided(t, nu):
    """P(|T| <= t) for Student's t with nu (integer >= 1) degrees of freedom, in closed form
    (Abramowitz and Stegun 26.7.3 and 26.7.4, with theta = atan(t / sqrt(nu)))."""
    theta = math.atan(t / math.sqrt(nu))
    s, c = math.sin(theta), math.cos(theta)
    if nu % 2 == 1:
        # cos + (2/3) cos^3 + (2 4)/(3 5) cos^5 + ... + cos^(nu - 2); empty for nu = 1
        term, acc = c, 0.0
        for k in range(1, (nu - 1) // 2 + 1):
            if k > 1:
                term *= (2 * k - 2) / (2 * k - 1) * c * c
            acc += term
        return 2.0 / math.pi * (theta + s * acc)
    # 1 + (1/2) cos^2 + (1 3)/(2 4) cos^4 + ... + cos^(nu - 2)
    term, acc = 1.0, 1.0
    for k in range(1, nu // 2):
        term *= (2 * k - 1) / (2 * k) * c * c
        acc += term
    return s * acc


def student_t_quantile(level, nu):
    """t with P(|T| <= t) = level (the two-sided quantile: 12.706 for nu = 1 at 0.95), by bisection."""
    lo, hi = 0.0, 1.0
    while student_t_two_sided(hi, nu) < level:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if student_t_two_sided(mid, nu) < level:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def prediction_interval(ratios, level=PREDICTION_LEVEL):
    """Interval that holds the ratio of one more run with probability `level`, from the ratios of
    earlier runs: on the log scale mean +- t(level, R - 1) * sd * sqrt(1 + 1/R) (the normal model's
    prediction interval; run-to-run shifts of a shared machine are what it captures). None for
    fewer than 3 runs."""
    if len(ratios) < 3:
        return None
    y = np.log(np.asarray(ratios, dtype=float))
    r = len(y)
    half = student_t_quantile(level, r - 1) * float(np.std(y, ddof=1)) * math.sqrt(1.0 + 1.0 / r)
    centre = float(np.mean(y))
    return math.exp(centre - half), math.exp(centre + half)


def medians(basin, torch):
    b, bthreads = best_setting(basin)
    t, tthreads = best_setting(torch)
    # certify: Basin's certificate against PyTorch's dense Hessian + all eigenvalues
    if ("B", "certify") in b and ("B", "hessian+eigvalsh") in t:
        t[("B", "certify")] = t[("B", "hessian+eigvalsh")]
        tthreads[("B", "certify")] = tthreads[("B", "hessian+eigvalsh")]
    return b, t, bthreads, tthreads


def read(path):
    return np.fromfile(path, dtype="<f8")


def relative_error(basin, torch):
    scale = np.max(np.abs(torch))
    diff = np.max(np.abs(basin - torch))
    return diff / scale if scale > 0 else diff


def checks(root, specs):
    """[(config, quantity, relative error, passed, gating)]; gating rows decide the exit code."""
    out = []
    for name, spec in specs.items():
        d = os.path.join(root, name)
        items = [("loss", True), ("grad", True), ("hvp", False)]
        if spec["dense_hessian"]:
            items.append(("hessian", False))
        if name == "B":
            items.append(("eigvalsh", False))
        for quantity, gating in items:
            bp, tp = os.path.join(d, f"basin_{quantity}.f64"), os.path.join(d, f"torch_{quantity}.f64")
            if not (os.path.exists(bp) and os.path.exists(tp)):
                out.append((name, quantity, float("nan"), False, gating))
                continue
            b, t = read(bp), read(tp)
            if b.shape != t.shape:
                out.append((name, quantity, float("inf"), False, gating))
                continue
            err = relative_error(b, t)
            out.append((name, quantity, err, bool(err <= CHECK_TOLERANCE), gating))
    return out


def density(nodes, weights, probes, grid, sigma):
    """(1/L) sum_l sum_i tau_li N(t; theta_li, sigma^2) on the grid (Basin's SpectralDensity.density)."""
    d = np.zeros_like(grid)
    for x, w in zip(nodes, weights):
        d += w * np.exp(-((grid - x) ** 2) / (2 * sigma * sigma))
    return d / (sigma * math.sqrt(2 * math.pi) * probes)


def spectral_checks(root, specs, steps):
    """[(config, quantity, error, tolerance, passed, gating)] for the spectral rows (relative max-norm
    errors; SLQ weights over the largest weight; the density of both sides on Basin's grid with Basin's
    width rule, sigma = (max node - min node) / steps) and the B certificate."""
    out = []
    for name in specs:
        d = os.path.join(root, name)
        if not os.path.exists(os.path.join(d, "basin_top5.f64")) and not os.path.exists(os.path.join(d, "torch_top5.f64")):
            continue
        arrays = {}
        for q in ("top5", "trace", "slq_nodes", "slq_weights"):
            bp, tp = os.path.join(d, f"basin_{q}.f64"), os.path.join(d, f"torch_{q}.f64")
            if not (os.path.exists(bp) and os.path.exists(tp)):
                out.append((name, q, float("nan"), SPECTRAL_TOLERANCE, False, True))
                continue
            b, t = read(bp), read(tp)
            arrays[q] = (b, t)
            err = relative_error(b, t) if b.shape == t.shape else float("inf")
            out.append((name, q, err, SPECTRAL_TOLERANCE, bool(err <= SPECTRAL_TOLERANCE), True))
        if "slq_nodes" in arrays and "slq_weights" in arrays and arrays["slq_nodes"][0].shape == arrays["slq_nodes"][1].shape:
            bn, tn = arrays["slq_nodes"]
            bw, tw = arrays["slq_weights"]
            probes = max(1, bn.size // steps)
            sigma = (bn.max() - bn.min()) / steps
            grid = np.linspace(bn.min() - 6 * sigma, bn.max() + 6 * sigma, 1000)
            err = relative_error(density(bn, bw, probes, grid, sigma), density(tn, tw, probes, grid, sigma))
            out.append((name, "slq_density_on_grid", err, SPECTRAL_TOLERANCE, bool(err <= SPECTRAL_TOLERANCE), True))
    bp, tp = os.path.join(root, "B", "basin_certify.json"), os.path.join(root, "B", "torch_certify.json")
    if os.path.exists(bp) or os.path.exists(tp):
        try:
            with open(bp) as f:
                bc = json.load(f)
            with open(tp) as f:
                tc = json.load(f)
        except (OSError, ValueError):
            out.append(("B", "certificate", float("nan"), 0, False, True))
            return out
        for field in ("class", "index", "nullity", "symmetry_zero_modes"):
            same = bc[field] == tc[field]
            out.append(("B", f"certify {field}: {bc[field]} / {tc[field]}", 0.0 if same else float("inf"), 0, same, True))
        b, t = np.array(bc["smallest"]), np.array(tc["smallest"])
        err = float(np.max(np.abs(b - t))) if b.shape == t.shape and b.size else float("inf")
        out.append(("B", "certify 5 smallest (absolute; tolerance tau)", err, bc["tau"], bool(err <= bc["tau"]), True))
    return out


def fmt_ms(x):
    if x is None:
        return "-"
    if x >= 100:
        return "%.0f" % x
    if x >= 1:
        return "%.2f" % x
    return "%.4f" % x


def openblas_info(path):
    """(config string, core name) that the OpenBLAS at path reports in a fresh python process, or None."""
    code = ("import ctypes, sys\n"
            "l = ctypes.CDLL(sys.argv[1])\n"
            "l.openblas_get_config.restype = ctypes.c_char_p\n"
            "l.openblas_get_corename.restype = ctypes.c_char_p\n"
            "print(l.openblas_get_config().decode()); print(l.openblas_get_corename().decode())\n")
    try:
        r = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    lines = r.stdout.strip().splitlines()
    return (lines[0], lines[1]) if r.returncode == 0 and len(lines) == 2 else None


def blas_lines(meta):
    """Header lines naming each side's BLAS: Basin's from NativeBlas.description() plus what its library
    file reports (openblas_get_config/corename), PyTorch's from the OpenBLAS its process loaded."""
    basin = next((m["meta"] for m in meta if m["side"] == "basin" and "blas_description" in m["meta"]), None)
    torch = next((m["meta"] for m in meta if m["side"] == "torch" and "torch" in m["meta"]), None)
    parts = []
    if basin is not None:
        desc = basin["blas_description"]
        origin = desc[desc.rfind("(") + 1:-1] if desc.endswith(")") else desc
        info = openblas_info(basin["blas_file"]) if basin.get("blas_file") else None
        if info:
            version = info[0].split()[1] if info[0].startswith("OpenBLAS ") else info[0]
            parts.append(f"Basin: OpenBLAS {version} ({origin}), core type {info[1]}, via {basin['blas']} "
                         f"[{basin['blas_file']}: {info[0]}]")
        else:
            parts.append(f"Basin: {desc}")
    if torch is not None:
        cfg = torch.get("openblas_config")
        files = ", ".join(torch.get("blas_files", [])) or "?"
        if cfg:
            version = cfg.split()[1] if cfg.startswith("OpenBLAS ") else cfg
            parts.append(f"PyTorch {torch['torch']}: OpenBLAS {version} ({files}), core type {torch.get('openblas_corename', '?')} "
                         f"[{cfg}]")
        else:
            parts.append(f"PyTorch {torch['torch']}: BLAS {files}")
    return parts


def reproduction(rows, path):
    """Prints which rows of this run have their ratio (median over the run) inside the interval the
    reference states for that row: its 95% run interval (interval_lo..interval_hi, from 3 or more
    runs), else the range over its rounds (ratio_min..ratio_max; references of one run); rows the
    reference gives one round only, or no ratio, are not comparable. Against run intervals it says
    whether the count outside is one the stated coverage explains: a 95% interval leaves about 1 row
    in 20 outside by chance, and the binomial tail P(that many or more) below 0.05 says the table
    does not hold for this run. Returns (rows within, rows compared, tail probability or None)."""
    reference = {}
    with open(path) as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                reference[(rec["config"], rec["op"])] = rec
    inside, outside, skipped = [], [], []
    by_interval = True
    for row in rows:
        ref = reference.get((row["config"], row["op"]))
        if ref is None or row["ratio"] is None:
            skipped.append(row)
            continue
        if ref.get("interval_lo") is not None:
            lo, hi = ref["interval_lo"], ref["interval_hi"]
        elif ref.get("ratio_min") is not None and ref.get("rounds", 0) >= 2:
            lo, hi = ref["ratio_min"], ref["ratio_max"]
            by_interval = False
        else:
            skipped.append(row)
            continue
        (inside if lo <= row["ratio"] <= hi else outside).append((row, lo, hi))
    comparable = len(inside) + len(outside)
    what = "95% run interval" if by_interval else "range"
    print(f"### Reproduction of {path}\n")
    print(f"{len(inside)} of {comparable} rows have this run's ratio within the reference's {what}"
          + ("." if not outside else "; outside:"))
    for row, lo, hi in outside:
        print(f"- {row['config']} {row['op']}: {row['ratio']:.3f}, reference {lo:.3f}-{hi:.3f}")
    if skipped:
        print("- not comparable (no ratio, or one round in the reference): "
              + ", ".join(f"{r['config']} {r['op']}" for r in skipped))
    tail = None
    if by_interval and comparable:
        miss = 1.0 - PREDICTION_LEVEL
        tail = sum(math.comb(comparable, k) * miss ** k * (1.0 - miss) ** (comparable - k)
                   for k in range(len(outside), comparable + 1))
        print(f"\nA {PREDICTION_LEVEL:.0%} interval leaves {miss * comparable:.1f} of {comparable} rows outside on average; "
              f"{len(outside)} or more happen with probability {tail:.3f} (binomial, rows taken as independent): "
              + ("reproduced." if tail >= 0.05 else "NOT reproduced (more rows outside than the stated coverage explains)."))
    print()
    return len(inside), comparable, tail


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", required=True, nargs="+",
                    help="JSON lines of samples from both sides; several files (runs of bench/compare) are pooled: "
                         "medians over all their samples, ratio ranges over all their rounds")
    ap.add_argument("--dir", default=None, help="problem directory (problems.json and check results); required for the report")
    ap.add_argument("--json", default=None, help="write one JSON line per row to this file")
    ap.add_argument("--expect", default=None,
                    help="JSON lines of a reference table (--json of earlier runs, bench/reference.jsonl for the README's): "
                         "say which rows of this run have their ratio outside the reference's 95%% run interval (or range) "
                         "and whether that many is what the interval's coverage explains")
    ap.add_argument("--best", nargs=3, metavar=("SIDE", "CONFIG", "OP"), default=None,
                    help="print only the thread setting with the lowest median of that row and exit")
    args = ap.parse_args()
    if args.best:
        side, config, op = args.best
        try:
            basin_samples, torch_samples, _ = load_samples(args.samples)
        except OSError as e:
            print(f"compare_report: {e}", file=sys.stderr)
            return 2
        per = (basin_samples if side == "basin" else torch_samples).get((config, op))
        if not per:
            print(f"compare_report: no {side} samples for {config} {op} in {args.samples}", file=sys.stderr)
            return 2
        print(min(per.items(), key=lambda kv: np.median(kv[1]))[0])
        return 0
    if args.dir is None:
        print("compare_report: --dir is required (unless --best)", file=sys.stderr)
        return 2

    try:
        with open(os.path.join(args.dir, "problems.json")) as f:
            everything = json.load(f)
        specs = everything["configs"]
        spectral = everything.get("spectral") or {"slq_steps": 100, "slq_probes": 10}
        basin_samples, torch_samples, meta = load_samples(args.samples)
    except OSError as e:
        print(f"compare_report: {e}", file=sys.stderr)
        return 2
    b, t, bthreads, tthreads = medians(basin_samples, torch_samples)
    noisy = set()
    for samples, chosen in ((basin_samples, bthreads), (torch_samples, tthreads)):
        for key, per in samples.items():
            if key in chosen and spread(per[chosen[key]]) > SPREAD_FLAG:
                noisy.add(key)

    rounds = sorted({r for per_side in BY_ROUND.values() for per_key in per_side.values()
                     for per_threads in per_key.values() for r in per_threads})
    runs = len({r[0] for r in rounds})
    print(f"## Basin vs PyTorch ({len(rounds)} rounds{'' if runs == 1 else ' in %d runs' % runs}, medians over all samples of all rounds)\n")
    for line in blas_lines(meta):
        print(f"- BLAS: {line}")
    seen = set()
    for m in meta:
        if m["side"] not in seen:
            seen.add(m["side"])
            print(f"- {m['side']}: " + ", ".join(f"{k}={v}" for k, v in m["meta"].items()))
    print()

    check_rows = checks(args.dir, specs)
    print("### Agreement at w0 (relative max-norm error, tolerance %.0e)\n" % CHECK_TOLERANCE)
    print("| config | quantity | rel. error | ok |")
    print("|---|---|---|---|")
    for name, quantity, err, ok, gating in check_rows:
        print(f"| {name} | {quantity} | {err:.2e} | {'yes' if ok else 'NO'} |")
    print()
    spectral_rows = spectral_checks(args.dir, specs, spectral["slq_steps"])
    if spectral_rows:
        print("### Agreement of the spectral rows and the certificate (relative max-norm error unless said; all gate the exit code)\n")
        print("| config | quantity | error | tolerance | ok |")
        print("|---|---|---|---|---|")
        for name, quantity, err, tol, ok, gating in spectral_rows:
            print(f"| {name} | {quantity} | {err:.2e} | {tol:.0e} | {'yes' if ok else 'NO'} |")
        print()

    print("### Timings (ms per call; ratio = basin / torch, lower is better for Basin)\n")
    print("ratio: of the medians over all rounds; ratio range: min-max over the rounds of (Basin's median in that round / "
          "PyTorch's median in that round), each side at the thread setting chosen for the row; a target is met only when "
          "the slow end of the range (its max) meets it."
          + (" 95%% run interval: where the ratio of one more run of bench/compare falls with probability %.2f (the "
             "prediction interval of the runs' ratios, log scale, Student's t; needs 3 runs; bench/compare --expect "
             "checks a run against it)." % PREDICTION_LEVEL if runs >= 3 else "") + "\n")
    columns = (["config", "op", "basin_ms", "torch_ms", "ratio", "ratio range (rounds)"]
               + (["95% run interval"] if runs >= 3 else []) + ["basin threads", "torch threads", "target", "status"])
    print("| " + " | ".join(columns) + " |")
    print("|---" * len(columns) + "|")
    json_rows = []
    for key in ROWS:
        if key not in b and key not in t:
            continue
        bm, tm = b.get(key), t.get(key)
        ratio = bm / tm if bm is not None and tm else None
        per_round = round_ratios(key) if ratio is not None else []
        slow = max(per_round) if per_round else ratio
        target = TARGETS.get(key)
        status = "-" if target is None else ("met" if slow is not None and slow <= target else "not met")
        if key in ABSOLUTE_TARGETS:
            limit = ABSOLUTE_TARGETS[key]
            status = "met" if bm is not None and bm <= limit else "not met"
        if key in noisy:
            status += " (noisy)"
        op = key[1]
        probes = PROBES.get(("basin",) + key) or PROBES.get(("torch",) + key)
        if op == "slq_density" and probes and probes != spectral["slq_probes"]:
            op += " (%d of %d probes)" % (probes, spectral["slq_probes"])
        per_run = run_ratios(key) if ratio is not None else []
        interval = prediction_interval(per_run)
        cells = [key[0], op, fmt_ms(bm), fmt_ms(tm), "-" if ratio is None else "%.3f" % ratio,
                 "-" if not per_round else "%.3f-%.3f (%d)" % (min(per_round), max(per_round), len(per_round))]
        if runs >= 3:
            cells.append("-" if interval is None else "%.3f-%.3f" % interval)
        cells += [bthreads.get(key, "-"), tthreads.get(key, "-"),
                  ("basin <= %g ms" % ABSOLUTE_TARGETS[key]) if key in ABSOLUTE_TARGETS else ("-" if target is None else "<= %g" % target),
                  status]
        print("| " + " | ".join(cells) + " |")
        json_rows.append({"config": key[0], "op": key[1], "basin_ms": bm, "torch_ms": tm, "ratio": ratio,
                          "ratio_min": min(per_round) if per_round else None, "ratio_max": max(per_round) if per_round else None,
                          "rounds": len(per_round), "runs": len(per_run),
                          "run_min": min(per_run) if per_run else None, "run_max": max(per_run) if per_run else None,
                          "interval_lo": interval[0] if interval else None, "interval_hi": interval[1] if interval else None})
    print()
    for op, note in NOTES.items():
        print(f"- {op}: {note}")
    for (side, config), rec in sorted(CERTIFIED.items()):
        line = f"- certified-minimum {config}, {side}: {rec['certified']} of {rec['starts']} starts certified as minima"
        if "on_kinks" in rec:
            line += f" ({rec['on_kinks']} on kinks)"
        if "optimizer" in rec:
            line += f", optimizer {rec['optimizer']}"
        if "starts_per_minute" in rec:
            line += f"; {rec['starts_per_minute']:.0f} starts per minute with {rec['workers']} workers"
        if "grad_norms" in rec:
            line += "; final gradient norms " + ", ".join("%.1e" % g for g in rec["grad_norms"])
        print(line)
    for (config, _), rec in sorted(LARGE_CERTIFICATES.items()):
        print(f"- certify {config}: Basin only, one run of Certifier (defaults: dense Hessian, counts by inertia) on a {rec['network']} MLP "
              f"(200 regression examples, MSE, the initial point treated as critical): {rec['class']}, index {rec['index']}, "
              f"nullity {rec['nullity']}; the target is absolute (<= 30 s on 2 cores)")
    print(f"- (noisy): on one side the samples' p90/p10 exceeds {SPREAD_FLAG}, so the median and the status can flip between runs")
    print()

    gemm_key = ("dgemm2000", "dgemm")
    gemm_flops = 2.0 * 2000 ** 3
    print("### Rates\n")
    if gemm_key in b:
        print("- DGEMM 2000: Basin (Gemm) %.1f GFLOP/s, PyTorch (torch.mm) %s GFLOP/s" % (
            gemm_flops / b[gemm_key] / 1e6, "%.1f" % (gemm_flops / t[gemm_key] / 1e6) if gemm_key in t else "-"))
    if ("C", "grad") in b and "C" in specs:
        flops = specs["C"]["gradient_flops"]
        rough = 6.0 * specs["C"]["n"] * specs["C"]["params"]
        rate = flops / b[("C", "grad")] / 1e6
        rough_rate = rough / b[("C", "grad")] / 1e6
        line = "- C loss+gradient: Basin %.1f GFLOP/s (matrix-product flops %.3g; %.1f GFLOP/s with the rough 6 n P = %.3g)" % (
            rate, flops, rough_rate, rough)
        if ("C", "grad") in t:
            line += ", PyTorch %.1f GFLOP/s" % (flops / t[("C", "grad")] / 1e6)
        print(line)
        if gemm_key in b:
            gemm_rate = gemm_flops / b[gemm_key] / 1e6
            fraction = rate / gemm_rate
            print("- C loss+gradient / Basin DGEMM rate: %.0f%% (target >= %.0f%%): %s%s" % (
                100 * fraction, 100 * C_GRAD_DGEMM_FRACTION,
                "met" if fraction >= C_GRAD_DGEMM_FRACTION else "not met",
                " (%.0f%% with 6 n P)" % (100 * rough_rate / gemm_rate)))
    print()

    if args.expect:
        try:
            reproduction(json_rows, args.expect)
        except (OSError, ValueError, KeyError) as e:
            print(f"compare_report: --expect {args.expect}: {e}", file=sys.stderr)
            return 2

    if args.json:
        with open(args.json, "w") as f:
            for row in json_rows:
                f.write(json.dumps(row) + "\n")

    failed = [r for r in check_rows if r[4] and not r[3]]
    failed += [(c, q, e, ok, g) for c, q, e, tol, ok, g in spectral_rows if g and not ok]
    if failed:
        print("CHECK FAILED: Basin and PyTorch disagree on " + ", ".join(f"{c} {q}" for c, q, *_ in failed)
              + "; the timings above do not compare the same computation.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
