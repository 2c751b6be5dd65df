#!/usr/bin/env python3
"""Fits the erf approximation used by the exact-GELU kernel of the Swift BERT encoder
(Sources/Pretrained/BertKernels.swift, `BertKernels.erf`).

erf(x) ~ x * P(x^2) / Q(x^2) on [0, 4] (Q(0) = 1; |x| > 4 gives +-1, which erf is in float32),
fitted by Sanathanan-Koerner iteration and Lawson-style reweighting toward minimax, then checked
in float32 arithmetic against math.erf. Prints the max abs error and the coefficients (already in
the Swift file; rerun only to change the degrees). Needs numpy only:
    python3 Benchmarks/bert/fit_erf.py
"""
import numpy as np
from math import erf
B = 4.0
x = np.cos(np.linspace(0, np.pi, 6000)) * B / 2 + B / 2
x = np.sort(np.abs(x))
y = np.array([erf(v) for v in x])
z = x * x
np_, nq = 7, 5   # P degree 6 in z, Q degree 4 in z (Q0 = 1)
def fit(w, qprev):
    # minimize sum w * ((x P(z) - y Q(z)) / Qprev(z))^2
    A = np.hstack([np.stack([x * z**k for k in range(np_)], 1), np.stack([-y * z**k for k in range(1, nq)], 1)])
    d = np.polyval(qprev[::-1], z)
    A = A / d[:, None] * np.sqrt(w)[:, None]
    b = y / d * np.sqrt(w)
    sol, *_ = np.linalg.lstsq(A, b, rcond=None)
    return sol[:np_], np.concatenate([[1.0], sol[np_:]])
w = np.ones_like(x)
q = np.ones(nq)
for it in range(60):
    p, q = fit(w, q)
    err = x * np.polyval(p[::-1], z) / np.polyval(q[::-1], z) - y
    if it > 10:
        w = w * (np.abs(err) + 1e-30); w /= w.sum()
print("max abs err (f64)", np.abs(err).max())
p32 = p.astype(np.float32); q32 = q.astype(np.float32)
xs = np.linspace(0, 6, 200001).astype(np.float32)
xc = np.minimum(xs, np.float32(B))
zz = xc * xc
P = np.zeros_like(zz); Q = np.zeros_like(zz)
for c in p32[::-1]: P = P * zz + c
for c in q32[::-1]: Q = Q * zz + c
r = np.minimum(xc * P / Q, np.float32(1))
ref = np.array([erf(float(v)) for v in xs])
print("max abs err (f32 eval)", np.abs(r - ref).max())
print("P", [repr(float(c)) for c in p32]); print("Q", [repr(float(c)) for c in q32])
