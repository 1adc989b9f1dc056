"""AHP kernels on validated arrays: Perron root and vector, geometric mean, LLSM, GCI."""

from __future__ import annotations

import numpy as np

from mcda_iso.errors import MethodError
from mcda_iso.judgments import _upper

# --------------------------------------------------------------------------- kernels


def _perron(a: np.ndarray) -> tuple[float, np.ndarray]:
    """Perron root and positive eigenvector (sum 1) of a nonnegative irreducible matrix."""
    n = a.shape[0]
    if n == 1:
        return float(a[0, 0]), np.ones(1)
    try:
        vals, vecs = np.linalg.eig(a)
    except np.linalg.LinAlgError:
        vals = None
    if vals is not None and np.isfinite(vals).all():
        k = int(vals.real.argmax())
        root = complex(vals[k])
        if root.imag == 0.0:  # a real eigenvalue has a real eigenvector: real arithmetic
            v = vecs[:, k].real
            total = v.sum()
            if total != 0:
                v = v / total
                if (v > 0).all():
                    return root.real, v / v.sum()
            return _power_iteration(a)
        v = vecs[:, k]
        total = v.sum()
        v = (v / total).real if abs(total) > 0 else v.real
        if abs(root.imag) <= 1e-9 * max(1.0, abs(root.real)) and (v > 0).all():
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


def _geometric_mean_weights(a: np.ndarray) -> np.ndarray:
    logs = np.log(a).mean(axis=1)
    w = np.exp(logs - logs.max())
    return w / w.sum()


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


def _fill(a: np.ndarray, missing: np.ndarray, w: np.ndarray) -> np.ndarray:
    out = a.copy()
    ratio = w[:, None] / w[None, :]
    out[missing] = ratio[missing]
    return out
