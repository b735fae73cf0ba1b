"""Reference values for RichnessTest's iChao1, ACE interval and coverage-extrapolation tests.

Evaluates the formulas of Richness and CoverageExtrapolation in mpmath 1.3.0 at 30 digits, with the
partial derivatives of the delta method taken NUMERICALLY (mpmath.diff on the formula as a function
of continuous f_k), so that the Java code's hand-derived partials are checked independently.
Run: python3 richness_reference.py
"""
from mpmath import mp, mpf, diff, exp, sqrt, log, ceil
mp.dps = 30
Z = mpf('1.959963984540054')

def freq(counts):
    f = {}
    for c in counts:
        f[c] = f.get(c, 0) + 1
    return f

def delta_var(func, f, total):
    ks = sorted(f)
    base = [mpf(f[k]) for k in ks]
    g = []
    for i in range(len(ks)):
        def h(x, i=i):
            v = list(base); v[i] = x
            return func(dict(zip(ks, v)))
        g.append(diff(h, base[i]))
    sq = sum(gi * gi * fi for gi, fi in zip(g, base))
    lin = sum(gi * fi for gi, fi in zip(g, base))
    return max(mpf(0), sq - lin * lin / total)

def lognormal(sobs, value, var):
    t = value - sobs
    if t <= 0:
        return sobs, sobs + Z * sqrt(var)
    r = exp(Z * sqrt(log(1 + var / t ** 2)))
    return sobs + t / r, sobs + t * r

def run(counts, n_fixed):
    # n is held fixed in the delta method
    n = mpf(n_fixed)
    f = freq(counts)
    g = lambda d, k: d.get(k, mpf(0))
    sobs_of = lambda d: sum(d.values())
    def f0(d):
        k = (n - 1) / n
        return k * g(d, 1) ** 2 / (2 * g(d, 2)) if f.get(2, 0) > 0 else k * g(d, 1) * (g(d, 1) - 1) / 2
    def ichao1(d):
        f4 = g(d, 4) if f.get(4, 0) > 0 else mpf(1)
        tail = 0
        if n > 3:
            a = (n - 3) / (4 * n); b = (n - 3) / (2 * (n - 1)); r = g(d, 3) / f4
            tail = a * r * max(g(d, 1) - b * g(d, 2) * r, 0)
        return sobs_of(d) + f0(d) + tail
    def ace(d):
        rare = sum(v for k, v in d.items() if k <= 10)
        nr = sum(k * v for k, v in d.items() if k <= 10)
        q = sum(k * (k - 1) * v for k, v in d.items() if k <= 10)
        ab = sum(v for k, v in d.items() if k > 10)
        c = 1 - g(d, 1) / nr
        gam = max(rare * q / (c * nr * (nr - 1)) - 1, 0)
        return ab + rare / c + g(d, 1) / c * gam
    def u(d):
        return n * f0(d) / (n * f0(d) + g(d, 1))
    def cov_at(d, m):
        return 1 - g(d, 1) / n * u(d) ** (m + 1)
    def rich_at(d, m):
        return sobs_of(d) + f0(d) * (1 - u(d) ** m)
    d0 = {k: mpf(v) for k, v in f.items()}
    sobs = sobs_of(d0)
    s_cj = sobs + f0(d0)
    out = {}
    v = ichao1(d0); var = delta_var(ichao1, f, v)
    out['ichao1'] = (v, var) + lognormal(sobs, v, var)
    v = ace(d0); var = delta_var(ace, f, v)
    out['ace'] = (v, var) + lognormal(sobs, v, var)
    c = cov_at(d0, 0); var = delta_var(lambda d: cov_at(d, 0), f, s_cj)
    out['coverage'] = (c, sqrt(var))
    out['coverage_at_n'] = cov_at(d0, n_fixed)
    v = rich_at(d0, n_fixed); var = delta_var(lambda d: rich_at(d, n_fixed), f, s_cj)
    out['richness_at_2n'] = (v, var) + lognormal(sobs, v, var)
    m = log(n * (1 - mpf('0.99')) / f[1]) / log(u(d0)) - 1
    out['additional_for_0.99'] = (m, ceil(m))
    return out

for counts in ([1, 1, 1, 2, 2, 3, 5, 12], [1] * 9 + [2] * 4 + [3] * 3 + [4] * 2 + [6, 11, 20]):
    print(counts, 'n =', sum(counts))
    for key, val in run(counts, sum(counts)).items():
        print('  ', key, [mp.nstr(x, 17) for x in (val if isinstance(val, tuple) else (val,))])
