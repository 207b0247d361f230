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
  /**
   * How old a row must be before the poll publishes it: younger rows are being published from
   * memory by the instance that committed them (`publishCommitted`), which takes milliseconds. A row
   * left behind (a crash between commit and publish, a kick that went to another process) goes out
   * within `graceMs + pollMs`, at once when the process restarts. Three poll intervals by default.
   */
  graceMs?: number;
}

/** An outbox row as a pass reads it: the payload's text and the envelope fields the message's properties carry. */
interface StoredEvent {
  json: string;
  id: string;
  type: AnyEvent['type'];
  correlationId: string;
  occurredAt: string;
  seq: number;
}

/** What a transaction tells the relay once it has committed (`createWithTransaction`). */
export interface CommitListener {
  /** Publish whatever the outbox holds now (rows a statement wrote, rather than `emit`). */
  kick(): void;
  /** Publish these committed events now, from memory; optional: a bare `kick` serves too. */
  publishCommitted?(events: AnyEvent[]): void;
}

/**
 * Publishes the outbox with publisher confirms, in two ways.
 *
 * - From memory: `publishCommitted(events)` right after a transaction commits publishes the events
 *   it had built (no read of the outbox before the publish); once confirmed, their rows are deleted
 *   in batches. A failed publish or delete leaves the rows to the second way (at-least-once: a
 *   consumer may see an event twice, and dedupes by its id).
 * - A pass over the table: claims and deletes rows FOR UPDATE SKIP LOCKED (several instances never
 *   take the same row at once), publishes them, commits. The poll runs one every `pollMs` for rows
 *   older than `graceMs` (a crash between commit and publish, a failed publish); `kick()` runs one
 *   now for every row this instance is not publishing from memory (rows a statement wrote, the
 *   broker back after an outage, a restart).
 */
export class OutboxRelay implements CommitListener {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private readonly graceMs: number;
  /** Ids published from memory whose rows are not deleted yet: a kick's pass leaves them be. */
  private readonly fromMemory = new Set<string>();
  private readonly publishing = new Set<Promise<void>>();
  private toDelete: string[] = [];
  private deleteTimer?: NodeJS.Timeout;
  private deleting?: Promise<void>;

  constructor(private readonly opts: RelayOptions) {
    this.pollMs = opts.pollMs ?? 1000;
    this.batchSize = opts.batchSize ?? 200;
    this.graceMs = opts.graceMs ?? 3 * this.pollMs;
  }

  start(): void {
    this.stopped = false;
    this.opts.broker.onConnected(() => this.kick());
    this.schedule();
    this.kick();
  }

  publishCommitted(events: AnyEvent[]): void {
    if (this.stopped || !this.opts.broker.connected) return; // the rows wait for a pass
    // Each publish is written to the channel before the next one starts: the transaction's order.
    for (const event of events) {
      this.fromMemory.add(event.id);
      const job = this.opts.broker.publish(event).then(
        () => this.deleteLater(event.id),
        (err: Error) => {
          this.fromMemory.delete(event.id);
          this.opts.logger.warn(
            { err: err.message, eventId: event.id },
            'publish after commit failed; the relay will retry',
          );
        },
      );
      this.publishing.add(job);
      void job.finally(() => this.publishing.delete(job));
    }
  }

  /** A pass now over what this instance is not publishing from memory; coalesces into at most one extra pass. */
  kick(): void {
    this.pass(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.all(this.publishing);
    clearTimeout(this.deleteTimer);
    await this.deleting;
    await this.flushDeletes();
  }

  private pass(minAgeMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      // A kick's pass takes everything a poll's would, and more.
      this.again = true;
      return;
    }
    this.running = this.drain(minAgeMs)
      .catch((err: Error) => this.opts.logger.warn({ err: err.message }, 'outbox relay pass failed; will retry'))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      void this.poll().finally(() => {
        if (!this.stopped) this.schedule();
      });
    }, this.pollMs);
    this.timer.unref();
  }

  /** One round trip when nothing is late, which is the usual case: a pass only when something is. */
  private async poll(): Promise<void> {
    if (this.stopped || this.running || !this.opts.broker.connected) return;
    try {
      const { rows } = await this.opts.pool.query<{ late: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM outbox WHERE created_at < now() - make_interval(secs => $1)) AS late`,
        [this.graceMs / 1000],
      );
      if (rows[0]?.late) this.pass(this.graceMs);
    } catch (err) {
      this.opts.logger.warn({ err: (err as Error).message }, 'outbox poll failed; will retry');
    }
  }

  private async drain(minAgeMs: number): Promise<void> {
    if (!this.opts.broker.connected) return;
    for (;;) {
      const published = await this.publishBatch(minAgeMs);
      if (published < this.batchSize) return;
    }
  }

  /**
   * One pass: claims and deletes up to a batch of rows in one statement, publishes them, then commits;
   * a failed publish rolls the deletion back, so the rows stay for the next pass. Rows younger than
   * `minAgeMs` are left alone, and so, in a kick's pass, are those this instance publishes from memory.
   */
  private async publishBatch(minAgeMs: number): Promise<number> {
    const client = await this.opts.pool.connect();
    try {
      await client.query('BEGIN');
      // The payload as its stored text, published as it is: no parse and serialise again per row.
      const { rows } = await client.query<StoredEvent>(
        `DELETE FROM outbox WHERE id IN (
           SELECT id FROM outbox
           WHERE created_at <= now() - make_interval(secs => $2) AND NOT (id = ANY($3::uuid[]))
           ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED
         ) RETURNING payload::text AS json, id, type, payload ->> 'correlationId' AS "correlationId",
                     payload ->> 'occurredAt' AS "occurredAt", seq::float8 AS seq`,
        // A kick leaves what is on its way from memory; the poll's rows are late, whoever had them.
        [this.batchSize, minAgeMs / 1000, minAgeMs > 0 ? [] : [...this.fromMemory]],
      );
      // RETURNING has no order of its own: publish in the order the rows were written (outbox.seq).
      rows.sort((a, b) => a.seq - b.seq);
      await Promise.all(rows.map((row) => this.opts.broker.publishJson(row.json, row)));
      await client.query('COMMIT');
      return rows.length;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }

  /**
   * Rows of events published from memory are deleted once confirmed, one DELETE at a time: the ids
   * confirmed while one runs (or in the same turn of the event loop) go together in the next.
   */
  private deleteLater(id: string): void {
    this.toDelete.push(id);
    this.scheduleDelete();
  }

  private scheduleDelete(): void {
    if (this.stopped || this.deleteTimer || this.deleting || this.toDelete.length === 0) return;
    this.deleteTimer = setTimeout(() => {
      this.deleteTimer = undefined;
      this.deleting = this.flushDeletes().finally(() => {
        this.deleting = undefined;
        this.scheduleDelete();
      });
    }, 0);
  }

  private async flushDeletes(): Promise<void> {
    const ids = this.toDelete;
    if (ids.length === 0) return;
    this.toDelete = [];
    try {
      await this.opts.pool.query('DELETE FROM outbox WHERE id = ANY($1::uuid[])', [ids]);
    } catch (err) {
      // Published already: the poll publishes them again after the grace period, a harmless duplicate.
      this.opts.logger.warn(
        { err: (err as Error).message, rows: ids.length },
        'could not delete published outbox rows',
      );
    } finally {
      for (const id of ids) this.fromMemory.delete(id);
    }
  }
}
