/** z for a two-sided 95% interval. */
const Z = 1.959963984540054;

/**
 * The Wilson score interval of a proportion `successes` of `trials` at 95%: unlike the normal
 * approximation it stays inside [0, 1] and widens honestly for small groups, so a group of three
 * is never called under-heard on the strength of one silent family. No trials: [0, 1].
 */
export function wilsonInterval(successes: number, trials: number): [number, number] {
  if (trials <= 0) return [0, 1];
  const p = successes / trials;
  const z2 = Z * Z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (Z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
