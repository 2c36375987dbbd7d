/** Longest part of a name compared for suggestions: no location name is longer, and the work stays bounded. */
export const SUGGEST_MAX_CHARS = 64;

let row = new Int32Array(SUGGEST_MAX_CHARS + 1);

/** Edit distance, giving up (returning `limit`) as soon as it cannot be under `limit`. */
export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  if (row.length <= b.length) row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      let d = diag + (ca === b.charCodeAt(j - 1) ? 0 : 1);
      if (up + 1 < d) d = up + 1;
      if (row[j - 1] + 1 < d) d = row[j - 1] + 1;
      row[j] = d;
      diag = up;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin >= limit) return limit;
  }
  return Math.min(row[b.length], limit);
}

/**
 * The candidates nearest to `wanted`: containing it first, then by edit distance. Names are
 * compared on their first SUGGEST_MAX_CHARS characters and a distance is abandoned once it
 * cannot make the list, so an absurd name costs no more than a plausible one.
 */
export function nearest(wanted: string, candidates: readonly string[], count = 3): string[] {
  let longest = 0;
  for (const c of candidates) if (c.length > longest) longest = c.length;
  // Characters past the longest candidate only add the same cost to every distance.
  const w = wanted.toUpperCase().slice(0, Math.min(SUGGEST_MAX_CHARS, longest + 2));
  const best: { c: string; score: number }[] = [];
  for (const c of candidates) {
    const u = c.toUpperCase().slice(0, SUGGEST_MAX_CHARS);
    const contains = u.includes(w) || (w.length >= 3 && w.includes(u));
    const last = best.length < count ? undefined : best[best.length - 1];
    const worst = last ? last.score : Infinity;
    const base = contains ? 0 : 1000;
    if (base > worst) continue;
    const score = base + editDistance(w, u, worst - base + 1);
    if (last && (score > worst || (score === worst && c.localeCompare(last.c) >= 0))) continue;
    best.push({ c, score });
    best.sort((x, y) => x.score - y.score || x.c.localeCompare(y.c));
    if (best.length > count) best.pop();
  }
  return best.map((s) => s.c);
}
