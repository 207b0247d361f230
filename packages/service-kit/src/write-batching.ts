import type { Writable } from 'node:stream';

/**
 * Sends what one turn of the event loop writes to `stream` in one go: the turn's first write corks
 * it and the end of the turn (`process.nextTick`) uncorks it, so a socket hands the turn's chunks to
 * one `writev` instead of one system call (and, here, one TCP segment) each. Nothing waits for a
 * timer: the data leaves as the turn ends, as it would have.
 *
 * For amqplib's connection: its multiplexer writes every message (its method, header and body
 * frames) and every acknowledgement with a `write` of its own, all in one loop, so a relay pass of
 * a few hundred events cost as many system calls, and RabbitMQ as many reads. Back-pressure is
 * unchanged: a corked stream still says when its buffer is full, and the multiplexer waits for
 * `drain` as before.
 */
export function batchWritesPerTurn(stream: Writable): void {
  const write = stream.write;
  let corked = false;
  const uncork = () => {
    corked = false;
    stream.uncork();
  };
  stream.write = function (this: Writable, ...args: Parameters<Writable['write']>) {
    if (!corked) {
      corked = true;
      stream.cork();
      process.nextTick(uncork);
    }
    return write.apply(this, args);
  } as Writable['write'];
}
