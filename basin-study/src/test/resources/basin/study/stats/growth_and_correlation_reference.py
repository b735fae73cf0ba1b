"""Reference values for GrowthLawTest, StudentTTest and CorrelationTest (SciPy 1.17.1, NumPy).

Run: python3 growth_and_correlation_reference.py
"""
import numpy as np
from scipy import stats

print('Student t: nu, t.ppf(0.975, nu), 2 * t.sf(2.5, nu)')
for nu in (1, 2, 3, 5, 10, 30, 1000):
    print(' ', nu, repr(stats.t.ppf(0.975, nu)), repr(2 * stats.t.sf(2.5, nu)))

print('growth: x = [2, 4, 8, 16, 32], y = [3, 11, 40, 170, 600]; slope, stderr, CI (t, 3 df), prefactor, R^2, AIC')
x = np.array([2, 4, 8, 16, 32.]); y = np.array([3, 11, 40, 170, 600.])
for name, u in (('power', np.log(x)), ('exp', x)):
    r = stats.linregress(u, np.log(y)); t = stats.t.ppf(0.975, 3)
    rss = ((np.log(y) - r.intercept - r.slope * u) ** 2).sum()
    print(' ', name, repr(r.slope), repr(r.stderr), repr(r.slope - t * r.stderr), repr(r.slope + t * r.stderr),
          repr(np.exp(r.intercept)), repr(r.rvalue ** 2), repr(5 * np.log(rss / 5) + 6))

print('correlation: a, b below; Pearson r, Fisher-z 95% CI (as R cor.test), t-test p; Spearman rho, p (t approximation)')
a = np.array([0.31, 0.42, 0.38, 0.55, 0.61, 0.47, 0.72, 0.66, 0.58, 0.80])
b = np.array([0.35, 0.40, 0.45, 0.50, 0.70, 0.52, 0.69, 0.75, 0.55, 0.90])
res = stats.pearsonr(a, b)
ci = res.confidence_interval(0.95)
print('  pearson', repr(res.statistic), repr(ci.low), repr(ci.high), repr(res.pvalue))
rho = stats.spearmanr(a, b)
n = len(a); z = np.arctanh(rho.statistic); h = 1.959963984540054 * np.sqrt(1.06 / (n - 3))
print('  spearman', repr(rho.statistic), repr(rho.pvalue), 'Fieller CI', repr(np.tanh(z - h)), repr(np.tanh(z + h)))
