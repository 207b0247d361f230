/**
 * Runs `batch` (one transaction claiming at most `size` rows) until one comes back short, and
 * returns how many rows were claimed in all. Batches keep each transaction short when many rows
 * come due together (after an outage, say) while the loop still drains them in one tick.
 * `workers` > 1: once a first batch comes back full, that many run side by side (the claims skip
 * each other's locked rows), each until one of its batches comes back short; a lone batch stays one
 * round trip. A failed batch fails the drain once every worker has stopped.
 */
export async function drainInBatches(
  size: number,
  batch: (limit: number) => Promise<number>,
  workers = 1,
): Promise<number> {
  let total = 0;
  const drain = async () => {
    for (;;) {
      const claimed = await batch(size);
      total += claimed;
      if (claimed < size) return;
    }
  };
  const first = await batch(size);
  total += first;
  if (first < size) return total;
  const results = await Promise.allSettled(Array.from({ length: workers }, drain));
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return total;
}
