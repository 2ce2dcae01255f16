/**
 * Rounds parts to hundredths so that they add up exactly to their rounded total (largest remainder
 * method; ties go to the earlier part). Lets every published point trace to a metric and the points
 * sum to the published score without rounding drift.
 */
export function apportionHundredths(parts: readonly number[]): { parts: number[]; total: number } {
  const exact = parts.map((p) => p * 100);
  const totalHundredths = Math.round(exact.reduce((sum, p) => sum + p, 0));
  const floors = exact.map((p) => Math.floor(p + 1e-9));
  let missing = totalHundredths - floors.reduce((sum, p) => sum + p, 0);
  const order = exact
    .map((p, i) => ({ i, remainder: p - floors[i]! }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    floors[i]! += 1;
    missing -= 1;
  }
  return { parts: floors.map((h) => h / 100), total: totalHundredths / 100 };
}
