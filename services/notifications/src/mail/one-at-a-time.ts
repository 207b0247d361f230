/**
 * Runs jobs one at a time, each after the event loop has had a turn of its own: what arrived in the
 * meantime (a task event, a Redis reply, a socket frame) is handled between two jobs, not after all
 * of them.
 *
 * For rendering email: a render (React to HTML, then HTML to text) holds the loop for about a
 * millisecond, several on a busy machine, and a round of the email dispatcher hands over up to 16
 * emails at once. Rendered as they came, back to back (when a render took 5–25 ms), they held it for
 * a few hundred ms whenever batched emails fell due, and every live notification arriving then
 * waited (docs/performance.md).
 */
export function oneAtATime(): <T>(job: () => T | Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (job) => {
    const run = last.then(nextTurn).then(job);
    last = run.catch(() => undefined);
    return run;
  };
}

/** Resolves in the check phase of the loop's next pass, after its poll for I/O. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
