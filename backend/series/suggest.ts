/** Edit distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length];
}

/** The candidates nearest to `wanted`: containing it first, then by edit distance. */
export function nearest(wanted: string, candidates: string[], count = 3): string[] {
  const w = wanted.toUpperCase();
  const scored = candidates.map((c) => {
    const u = c.toUpperCase();
    const contains = u.includes(w) || (w.length >= 3 && w.includes(u));
    return { c, score: (contains ? 0 : 1000) + editDistance(w, u) };
  });
  scored.sort((x, y) => x.score - y.score || x.c.localeCompare(y.c));
  return scored.slice(0, count).map((s) => s.c);
}
