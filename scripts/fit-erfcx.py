#!/usr/bin/python3
"""Coefficients of the polynomial q(t) ≈ erfcx(z) = e^{z²}·erfc(z), t = 1/(1 + z/2), used by Nabla's float32 GELU
(nabla-core/src/main/java/dev/nabla/tensor/kernel/SmoothF32.java).

Interpolates q at the Chebyshev nodes of t ∈ [0.17, 1] (z ∈ [0, 9.76]: below z = 9.76, i.e. x = -13.8, GELU's
float32 value underflows) with 40-digit arithmetic (mpmath), prints the monomial coefficients c0..c12 for Horner's
rule and the worst relative error over 4001 points, in exact arithmetic and in float64 Horner.
Usage: /usr/bin/python3 scripts/fit-erfcx.py
"""
import mpmath as mp

DEGREE = 12
mp.mp.dps = 40
A, B = mp.mpf("0.17"), mp.mpf(1)


def q(t):
    z = 2 * (1 / t - 1)
    return mp.exp(z * z) * mp.erfc(z)


def main():
    nodes = [(A + B) / 2 + (B - A) / 2 * mp.cos(mp.pi * (k + mp.mpf(1) / 2) / (DEGREE + 1)) for k in range(DEGREE + 1)]
    matrix = mp.matrix([[t ** j for j in range(DEGREE + 1)] for t in nodes])
    c = mp.lu_solve(matrix, mp.matrix([q(t) for t in nodes]))
    exact = horner = 0
    cf = [float(x) for x in c]
    for i in range(4001):
        t = A + (B - A) * i / 4000
        p = sum(c[j] * t ** j for j in range(DEGREE + 1))
        exact = max(exact, abs(p / q(t) - 1))
        tf = float(t)
        h = 0.0
        for j in range(DEGREE, -1, -1):
            h = h * tf + cf[j]
        horner = max(horner, abs(h / float(q(mp.mpf(tf))) - 1))
    print("worst relative error: exact %.2e, float64 Horner %.2e" % (exact, horner))
    for j, x in enumerate(cf):
        print("    %r, // c%d" % (x, j))


if __name__ == "__main__":
    main()
