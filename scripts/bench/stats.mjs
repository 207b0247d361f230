// Figures from samples, and how the report prints them.

/** The p-th percentile (nearest rank) of `values`; NaN for none. */
export const percentile = (values, p) => {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
};
export const fmt = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '—');
export const pct = (n) => (Number.isFinite(n) ? `${Math.round(n * 100)} %` : '—');
/** A whole number with its thousands apart, as the report writes them: 4300 → "4 300". */
export const grouped = (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+$)/g, ' ');
