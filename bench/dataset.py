"""The benchmarks' objects: 5 properties (zipf-distributed words for title and body) and unit
float32 vectors from a Gaussian mixture, the same for every run with the same seed."""

from __future__ import annotations

import numpy as np

WORDS = [f"w{i}" for i in range(5000)]


def make_data(n: int, dims: int, seed: int = 11) -> tuple[list[dict[str, object]], np.ndarray]:
    rng = np.random.default_rng(seed)
    centroids = rng.normal(size=(256, dims)).astype(np.float32)
    noise = 0.3 * rng.normal(size=(n, dims)).astype(np.float32)
    vectors = centroids[rng.integers(0, 256, n)] + noise
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    words = np.minimum(rng.zipf(1.3, size=n * 130), len(WORDS)) - 1
    rows, at = [], 0
    for _ in range(n):
        t, b = int(rng.integers(6, 13)), int(rng.integers(40, 121))
        picked = [WORDS[k] for k in words[at : at + t + b]]
        at += t + b
        rows.append(
            {
                "title": " ".join(picked[:t]),
                "body": " ".join(picked[t:]),
                "category": f"c{int(rng.integers(0, 50))}",
                "price": float(rng.random() * 100),
                "count": int(rng.integers(0, 10_000)),
            }
        )
    return rows, vectors
