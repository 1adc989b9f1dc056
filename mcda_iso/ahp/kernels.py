"""AHP kernels on validated arrays: Perron root and vector, geometric mean, LLSM, GCI."""

from __future__ import annotations

import functools
import math

import numpy as np

from mcda_iso.errors import MethodError
from mcda_iso.judgments import _upper

# --------------------------------------------------------------------------- any matrix


def _perron(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Perron root and positive eigenvector (sum 1) of a nonnegative irreducible matrix."""
    n = a.shape[0]
    if n == 1:
        return float(a[0, 0]), np.ones(1)
    try:
        vals, vecs = np.linalg.eig(a)  # refuses a non-finite matrix; LinAlgError if no result
    except np.linalg.LinAlgError:
        return _power_iteration(a)
    k = vals.real.argmax()  # a NaN eigenvalue is taken, and refused below
    root = complex(vals[k])
    if root.imag == 0.0:  # a real eigenvalue has a real eigenvector (LAPACK: exactly)
        v = vecs[:, k].real
        total = v.sum()
        if total != 0:
            v = v / total
            if v.min() > 0 and root.real < math.inf:  # NaN fails both
                return root.real, v
    elif abs(root.imag) <= 1e-9 * max(1.0, abs(root.real)):
        v = vecs[:, k]
        total = v.sum()
        v = (v / total).real if abs(total) > 0 else v.real
        if v.min() > 0:
            return root.real, v / v.sum()
    return _power_iteration(a)


def _perron_root(a: np.ndarray) -> float:
    """Perron root alone, for a method whose weights need no eigenvector.

    The eigenvalues without the eigenvectors (LAPACK skips the back-transformation, the
    costlier half of ``eig``); the Perron root of a positive matrix is its eigenvalue of
    largest real part. Power iteration if LAPACK fails or gives no real root.
    """
    if a.shape[0] == 1:
        return float(a[0, 0])
    try:
        vals = np.linalg.eigvals(a)
    except np.linalg.LinAlgError:
        vals = None
    if vals is not None and np.isfinite(vals).all():
        root = vals[int(np.argmax(vals.real))]
        if abs(root.imag) <= 1e-9 * max(1.0, abs(root.real)):
            return float(root.real)
    return _power_iteration(a)[0]


def _power_iteration(a: np.ndarray, max_iter: int = 100_000) -> tuple[float, np.ndarray]:
    n = a.shape[0]
    w = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        nxt = a @ w
        nxt /= nxt.sum()
        if np.max(np.abs(nxt - w)) < 1e-15:
            w = nxt
            break
        w = nxt
    else:  # pragma: no cover - Perron-Frobenius guarantees convergence
        raise MethodError("the principal eigenvector did not converge")
    lam = float(np.mean((a @ w) / w))
    return lam, w


# --------------------------------------------------------------------------- complete matrices
# A complete, positive, (nearly) reciprocal matrix: closed forms for n <= 3, repeated
# squaring bracketed by the Collatz-Wielandt bounds for n >= 4, and LAPACK (``eig``,
# ``eigvals``) only where the bracket does not close. Equal to LAPACK's results within
# 1e-12 (tests/test_ahp_kernels.py).


def _perron_complete(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Perron root and vector (sum 1) of a complete, positive, nearly reciprocal matrix."""
    n = a.shape[0]
    if n == 1:
        return float(a[0, 0]), np.ones(1)
    if n == 2:
        return _perron_2(a)
    if n == 3:
        return _perron_3(a)
    found = _squaring(a)
    if found is None:
        return _perron(a)
    root, y = found
    return root, y / sum(y.tolist())


def _lambda_max(a: np.ndarray) -> float:
    """Perron root alone of a complete, positive, nearly reciprocal matrix."""
    n = a.shape[0]
    if n == 1:
        return float(a[0, 0])
    if n == 2:
        return _root_2(a)
    if n == 3:
        return _root_3(a)
    found = _squaring(a)
    return _perron_root(a) if found is None else found[0]


def _root_2(a: np.ndarray) -> float:
    """Largest eigenvalue of a positive 2 x 2 matrix: ``m + sqrt(h^2 + a12 a21)``.

    ``m`` the mean and ``h`` the half difference of the diagonal (the roots of
    ``(x - a11)(x - a22) = a12 a21``); 2 for a reciprocal matrix. No cancellation:
    every term is non-negative.
    """
    (d1, a12), (a21, d2) = a.tolist()
    half = 0.5 * (d1 - d2)
    return 0.5 * (d1 + d2) + math.sqrt(half * half + a12 * a21)


def _perron_2(a: np.ndarray) -> tuple[float, np.ndarray]:
    """:func:`_root_2` and its eigenvector ``(a12, root - a11)`` (both components > 0)."""
    root = _root_2(a)
    a12, gap = float(a[0, 1]), root - float(a[0, 0])
    return root, np.array((a12, gap)) / (a12 + gap)


def _root_3(a: np.ndarray) -> float:
    """Perron root of a positive, nearly reciprocal 3 x 3 matrix in closed form.

    For a reciprocal matrix with unit diagonal the characteristic polynomial is
    ``(x - 1)^3 - 3 (x - 1) - (r + 1/r)`` with ``r = a13 / (a12 a23)``, whose largest
    root is ``1 + r^(1/3) + r^(-1/3) = 1 + 2 cosh(ln(r) / 3)`` (Saaty 1980; Aguarón &
    Moreno-Jiménez 2003, EJOR 147(1), 137-145). The judgments may be reciprocal only
    to a tolerance (``|a_ij a_ji - 1| <= 1e-6``): two Newton steps on the characteristic
    polynomial of the matrix itself, ``x^3 - t x^2 + s x - d`` (trace, sum of the
    principal 2 x 2 minors, determinant), take the closed form to that matrix's root.
    The step converges quadratically, the root being simple: ``p'`` at the root is the
    product of its distances to the other two roots, for a reciprocal matrix each at
    least 3. Where the polynomial's terms overflow (judgments near the float limits)
    the closed form is kept.
    """
    (a11, a12, a13), (a21, a22, a23), (a31, a32, a33) = a.tolist()
    log_r = math.log(a13) - math.log(a12) - math.log(a23)
    if not abs(log_r) < 1500.0:  # cosh would overflow: judgments near the float limits
        return _perron_root(a)
    x = 1.0 + 2.0 * math.cosh(log_r / 3.0)
    t = a11 + a22 + a33
    s = (a11 * a22 - a12 * a21) + (a11 * a33 - a13 * a31) + (a22 * a33 - a23 * a32)
    d = (
        a11 * (a22 * a33 - a23 * a32)
        - a12 * (a21 * a33 - a23 * a31)
        + a13 * (a21 * a32 - a22 * a31)
    )
    for _ in range(2):
        step = (((x - t) * x + s) * x - d) / ((3.0 * x - 2.0 * t) * x + s)
        if not math.isfinite(step):  # judgments near the float limits: the closed form
            return x
        if not abs(step) <= 1e-3 * x:  # not the simple top root Newton should polish
            return _perron_root(a)
        x -= step
    return x


def _perron_3(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Perron root and vector (sum 1) of a positive, nearly reciprocal 3 x 3 matrix.

    The root from :func:`_root_3`; the vector spans the null space of ``A - root I``:
    the cross product of its first two rows. With the root above both diagonal
    entries (it is at least 3 for a reciprocal matrix) each component is a sum of
    positive terms but the third, ``(root - a11)(root - a22) - a12 a21``, about
    ``(root - 1)^2 - 1 >= 3``: no cancellation, each component accurate to a few
    ulps. ``eig`` (:func:`_perron`) for a matrix this does not hold for.
    """
    root = _root_3(a)
    (a11, a12, a13), (a21, a22, a23), _ = a.tolist()
    d1, d2 = root - a11, root - a22
    v = (a12 * a23 + a13 * d2, a13 * a21 + d1 * a23, d1 * d2 - a12 * a21)
    total = v[0] + v[1] + v[2]
    if d1 > 0 and d2 > 0 and v[2] > 0 and total < math.inf:  # NaN fails too
        return root, np.array(v) / total
    return _perron(a)


def _squaring(a: np.ndarray, tol: float = 1e-14) -> tuple[float, np.ndarray] | None:
    """Perron root and ``A x`` for a near-Perron vector ``x``; None if not bracketed.

    ``B = A^(2^k)`` after k squarings: its first column ``x`` tends to the
    Perron vector as ``(|lambda_2| / lambda_1)^(2^k)``, and for any positive ``x`` the
    Collatz-Wielandt bounds ``min_i (A x)_i / x_i <= lambda_max <= max_i (A x)_i / x_i``
    hold (Perron-Frobenius; Horn & Johnson, *Matrix Analysis*, 2nd ed. 2013, Thm.
    8.1.26). Their midpoint is returned once the bracket's relative width is within
    ``tol``. The bracket is first tested after 6 squarings (a test costs about two
    squarings; a near-consistent matrix needs 4 or 5, random matrices on Saaty's scale
    6 or 7); each squaring squares the width, so a failed test is repeated after as
    many squarings as that predicts. ``B`` is rescaled at each test (``A^64`` stays
    below 1e135 on Saaty's scale up to n = 15, the largest row sum being 127); an
    overflow, an underflow or 12 squarings without a closed bracket give None, and
    the caller falls back on LAPACK.
    """
    b = a
    k, stop = 0, 6
    with np.errstate(all="ignore"):
        while stop <= 12:
            while k < stop:
                b = np.dot(b, b)
                k += 1
            x = b[:, 0]
            y = np.dot(a, x)
            q = (y / x).tolist()  # Python's min and max: cheaper than numpy's at this size
            low, high = min(q), max(q)
            if not math.isfinite(math.fsum(q)):
                return None
            width = (high - low) / low
            if width <= tol:
                return 0.5 * (low + high), y
            # width^(2^s) <= tol after s more squarings, if the width keeps squaring
            more = math.log(tol) / math.log(width) if 0.0 < width < 1.0 else 4.0
            stop = k + min(3, max(1, math.ceil(math.log2(more))))
            b *= 1.0 / b[0, 0]
    return None


# --------------------------------------------------------------------------- other methods


def _geometric_mean_weights(a: np.ndarray) -> np.ndarray:
    logs = np.log(a).mean(axis=1)
    w = np.exp(logs - logs.max())
    return w / w.sum()


def _geometric_mean(logs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row geometric mean weights (sum 1) and the row means of ``logs = log a``.

    For a reciprocal matrix ``exp`` of the row means needs no shift by their maximum:
    the means sum to about 0 (``log a`` is antisymmetric), so the largest is below
    ``709.78 (n - 1) / n`` and the sum of the n exponentials below the largest float
    while ``ln n < 709.78 / n``, up to n = 140 whatever the judgments; beyond 100 they
    are shifted. (``ufunc.reduce`` and Python's ``sum`` of a short list: the ndarray
    methods cost more than the arithmetic at this size.)
    """
    n = logs.shape[0]
    means = logs @ _mean_vector(n)
    w = np.exp(means - np.maximum.reduce(means)) if n > 100 else np.exp(means)
    w /= sum(w.tolist())
    return w, means


def _harker_weights(a: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Harker (1987): Perron vector of the matrix with missing a_ij := 0, a_ii := 1 + m_i."""
    c = np.where(missing, 0.0, a)
    np.fill_diagonal(c, 1.0 + missing.sum(axis=1))
    return _perron(c)[1]


def _llsm_weights(a: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """Logarithmic least squares on the known judgments (Bozóki et al. 2010, Thm. 4).

    Minimise sum over known (i, j) of (log a_ij - y_i + y_j)^2: the normal equations are
    L y = r with L the Laplacian of the comparison graph and r_i = sum_j log a_ij.
    """
    n = a.shape[0]
    known = ~missing
    np.fill_diagonal(known, False)
    logs = np.where(known, np.log(np.where(known, a, 1.0)), 0.0)
    lap = -known.astype(float)
    np.fill_diagonal(lap, known.sum(axis=1))
    r = logs.sum(axis=1)
    try:
        y = np.linalg.solve(lap + np.ones((n, n)) / n, r)  # fixes sum(y) = 0
    except np.linalg.LinAlgError as exc:  # pragma: no cover - connectivity checked first
        raise MethodError("the logarithmic least squares system is singular") from exc
    w = np.exp(y - y.max())
    return w / w.sum()


def _gci(a: np.ndarray, w: np.ndarray) -> float:
    n = a.shape[0]
    if n <= 2:
        return 0.0
    iu = _upper(n)
    e = np.log(a[iu] * w[iu[1]] / w[iu[0]])
    return float(2.0 * np.sum(e * e) / ((n - 1) * (n - 2)))


def _gci_logs(logs: np.ndarray, means: np.ndarray) -> float:
    """:func:`_gci` from ``logs = log a`` and its row means.

    For the row geometric mean weights ``log(a_ij w_j / w_i)`` is
    ``log a_ij - m_i + m_j`` (their normalisation cancels), over the upper triangle:
    one gather and one product with the pairs' incidence matrix.
    """
    n = logs.shape[0]
    if n <= 2:
        return 0.0
    flat, incidence = _pairs(n)
    e = logs.ravel()[flat]
    e += means @ incidence
    return 2.0 * float(e @ e) / ((n - 1) * (n - 2))


@functools.lru_cache(maxsize=64)
def _pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """The upper triangle's flat indices and its (n, pairs) incidence matrix (-1 at the
    pair's row, +1 at its column), read-only, computed once per n."""
    rows, cols = _upper(n)
    flat = rows * n + cols
    incidence = np.zeros((n, rows.size))
    pair = np.arange(rows.size)
    incidence[rows, pair] = -1.0
    incidence[cols, pair] = 1.0
    flat.setflags(write=False)
    incidence.setflags(write=False)
    return flat, incidence


@functools.lru_cache(maxsize=64)
def _mean_vector(n: int) -> np.ndarray:
    """``(1/n, ..., 1/n)`` (read-only): ``x @`` it is the row mean of x in one call."""
    v = np.full(n, 1.0 / n)
    v.setflags(write=False)
    return v


def _fill(a: np.ndarray, missing: np.ndarray, w: np.ndarray) -> np.ndarray:
    out = a.copy()
    ratio = w[:, None] / w[None, :]
    out[missing] = ratio[missing]
    return out
