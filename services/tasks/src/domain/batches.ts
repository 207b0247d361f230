/**
 * Runs `batch` (one transaction claiming at most `size` rows) until one comes back short, and
 * returns how many rows were claimed in all. Batches keep each transaction short when many rows
 * come due together (after an outage, say) while the loop still drains them in one tick.
 */
export async function drainInBatches(size: number, batch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const claimed = await batch(size);
    total += claimed;
    if (claimed < size) return total;
  }
}
