import type pg from 'pg';
import type { AnyEvent } from '@taskflow/contracts/events';
import type { Broker } from './broker';
import type { Logger } from './logger';

export interface RelayOptions {
  pool: pg.Pool;
  broker: Broker;
  logger: Logger;
  pollMs?: number;
  batchSize?: number;
}

/**
 * Publishes outbox rows with publisher confirms and deletes them once confirmed. `kick()` after a
 * commit publishes at once; the poll is the fallback (a crash between commit and kick, a broker
 * outage). Rows are claimed FOR UPDATE SKIP LOCKED so several instances never publish the same
 * row at the same time; a row whose confirm never came is published again (at-least-once).
 */
export class OutboxRelay {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private lastPassAt = 0;
  private readonly pollMs: number;
  private readonly batchSize: number;

  constructor(private readonly opts: RelayOptions) {
    this.pollMs = opts.pollMs ?? 1000;
    this.batchSize = opts.batchSize ?? 200;
  }

  start(): void {
    this.stopped = false;
    this.opts.broker.onConnected(() => this.kick());
    this.schedule();
    this.kick();
  }

  /** Publish now; coalesces concurrent calls into at most one extra pass. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.lastPassAt = Date.now();
    this.running = this.drain()
      .catch((err: Error) => this.opts.logger.warn({ err: err.message }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      // A pass that started within the last poll interval found what was committed before it: the
      // poll is only for rows no kick announced (a crash between commit and kick, a broker outage).
      if (Date.now() - this.lastPassAt >= this.pollMs) this.kick();
      if (!this.stopped) this.schedule();
    }, this.pollMs);
    this.timer.unref();
  }

  private async drain(): Promise<void> {
    if (!this.opts.broker.connected) return;
    for (;;) {
      const published = await this.publishBatch();
      if (published < this.batchSize) return;
    }
  }

  /**
   * One pass: claims and deletes up to a batch of rows in one statement, publishes them, then commits;
   * a failed publish rolls the deletion back, so the rows stay for the next pass. Three round trips
   * (BEGIN, the claim, COMMIT) where a SELECT and a DELETE made four.
   */
  private async publishBatch(): Promise<number> {
    const client = await this.opts.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ payload: AnyEvent; at: Date; id: string }>(
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox ORDER BY created_at, id LIMIT $1 FOR UPDATE SKIP LOCKED
         ) RETURNING payload, created_at AS at, id`,
        [this.batchSize],
      );
      // RETURNING has no order of its own: publish in commit order, as the claim read them.
      rows.sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      await Promise.all(rows.map((row) => this.opts.broker.publish(row.payload)));
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}
