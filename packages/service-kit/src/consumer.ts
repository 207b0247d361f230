import type { ConfirmChannel, ConsumeMessage } from 'amqplib';
import amqp from 'amqplib';
import { ZodError } from 'zod';
import { parseEvent, type AnyEvent, type EventType } from '@taskflow/contracts/events';
import { requestContext } from './context';
import type { Broker } from './broker';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export interface ConsumerOptions {
  broker: Broker;
  logger: Logger;
  /** Durable quorum queue owned by this consumer, e.g. `taskflow.notifications`. */
  queue: string;
  eventTypes: EventType[];
  handle: (event: AnyEvent) => Promise<void>;
  prefetch?: number;
  /** Delays of the successive retries; after the last one the message goes to `<queue>.dlq`. */
  retryDelaysMs?: number[];
  /** When given, `event_handling_lag_seconds{queue,type}`: from the event's occurrence to its handling. */
  metrics?: Metrics;
  /** Test stacks only: queues disappear when unused this long. */
  queueExpiresMs?: number;
}

export interface Consumer {
  stop(): Promise<void>;
  readonly queues: { main: string; dlq: string; retries: string[] };
}

const ATTEMPT_HEADER = 'x-taskflow-attempt';

/**
 * A consumer is a route for messages: validate, handle, then ack. A failing handler is retried
 * through delay queues (TTL, dead-lettered back to the main queue) so it never blocks the queue;
 * after the last retry, or at once for a message that does not match its schema, it is parked in
 * the dead-letter queue. It publishes with confirms before acking, so nothing is dropped.
 */
export async function startConsumer(opts: ConsumerOptions): Promise<Consumer> {
  const retryDelays = opts.retryDelaysMs ?? [1000, 5000, 30_000, 120_000];
  const main = opts.queue;
  const dlq = `${main}.dlq`;
  const retries = retryDelays.map((_, i) => `${main}.retry.${i + 1}`);
  const expires = opts.queueExpiresMs ? { 'x-expires': opts.queueExpiresMs } : {};
  const inflight = new Set<Promise<void>>();
  const lag = opts.metrics?.histogram(
    'event_handling_lag_seconds',
    'Seconds from an event occurring to this consumer having handled it',
    ['queue', 'type'],
  );
  let channel: ConfirmChannel | undefined;
  let consumerTag: string | undefined;
  let stopping = false;

  const send = (ch: ConfirmChannel, queue: string, msg: ConsumeMessage, headers: Record<string, unknown>) =>
    new Promise<void>((resolve, reject) => {
      ch.sendToQueue(
        queue,
        msg.content,
        { ...msg.properties, persistent: true, headers: { ...msg.properties.headers, ...headers } },
        (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
      );
    });

  const process = async (ch: ConfirmChannel, msg: ConsumeMessage) => {
    const attempt = Number(msg.properties.headers?.[ATTEMPT_HEADER] ?? 0);
    let event: AnyEvent;
    try {
      event = parseEvent(JSON.parse(msg.content.toString('utf8')));
    } catch (err) {
      const reason =
        err instanceof ZodError
          ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
          : (err as Error).message;
      opts.logger.error({ queue: main, reason }, 'event does not match its schema; dead-lettered');
      await send(ch, dlq, msg, { 'x-taskflow-error': reason.slice(0, 500) });
      ch.ack(msg);
      return;
    }
    await requestContext.run({ requestId: event.correlationId }, async () => {
      try {
        await opts.handle(event);
        ch.ack(msg);
        lag?.observe({ queue: main, type: event.type }, Math.max(0, Date.now() - Date.parse(event.occurredAt)) / 1000);
      } catch (err) {
        const error = (err as Error).message ?? String(err);
        if (attempt < retries.length) {
          opts.logger.warn(
            { eventId: event.id, type: event.type, attempt: attempt + 1, err: error },
            'handler failed; retrying later',
          );
          await send(ch, retries[attempt]!, msg, {
            [ATTEMPT_HEADER]: attempt + 1,
            'x-taskflow-error': error.slice(0, 500),
          });
        } else {
          opts.logger.error(
            { eventId: event.id, type: event.type, err: error },
            'handler failed for good; dead-lettered',
          );
          await send(ch, dlq, msg, { 'x-taskflow-error': error.slice(0, 500) });
        }
        ch.ack(msg);
      }
    });
  };

  await opts.broker.addSetup(async (ch) => {
    channel = ch;
    ch.on('error', (err: Error) => opts.logger.warn({ err: err.message, queue: main }, 'consumer channel error'));
    await ch.assertExchange(opts.broker.exchange, 'topic', { durable: true });
    await ch.assertQueue(main, { durable: true, arguments: { 'x-queue-type': 'quorum', ...expires } });
    await ch.assertQueue(dlq, { durable: true, arguments: { 'x-queue-type': 'quorum', ...expires } });
    for (const [i, queue] of retries.entries()) {
      await ch.assertQueue(queue, {
        durable: true,
        arguments: {
          'x-message-ttl': retryDelays[i],
          'x-dead-letter-exchange': '',
          'x-dead-letter-routing-key': main,
          ...expires,
        },
      });
    }
    for (const type of opts.eventTypes) await ch.bindQueue(main, opts.broker.exchange, type);
    await ch.prefetch(opts.prefetch ?? 32);
    if (stopping) return;
    const { consumerTag: tag } = await ch.consume(main, (msg) => {
      if (!msg) return;
      const job = process(ch, msg).catch((err: Error) => {
        // Publishing to a retry queue failed (broker going away): leave it unacked for redelivery.
        opts.logger.warn({ err: err.message }, 'could not settle message; it will be redelivered');
      });
      inflight.add(job);
      void job.finally(() => inflight.delete(job));
    });
    consumerTag = tag;
  });

  return {
    queues: { main, dlq, retries },
    async stop() {
      stopping = true;
      if (channel && consumerTag) await channel.cancel(consumerTag).catch(() => undefined);
      await Promise.all(inflight);
      await channel?.close().catch(() => undefined);
    },
  };
}

/**
 * Moves up to `limit` dead-lettered messages of `queue` back onto it, with a fresh retry budget —
 * the operator's step once the cause (a Redis outage, a bug) is fixed. Each message is republished
 * with a confirm before it is acked off the DLQ, so a crash midway duplicates at worst (consumers
 * are idempotent) and never loses one. Returns how many were moved.
 */
export async function replayDeadLetters(url: string, queue: string, limit = Number.POSITIVE_INFINITY): Promise<number> {
  const connection = await amqp.connect(url);
  try {
    const channel = await connection.createConfirmChannel();
    const dlq = `${queue}.dlq`;
    // Only what is parked now: a message that fails again returns to the DLQ and must not loop.
    const { messageCount } = await channel.checkQueue(dlq);
    const toMove = Math.min(limit, messageCount);
    let moved = 0;
    while (moved < toMove) {
      const msg = await channel.get(dlq, { noAck: false });
      if (!msg) break;
      const headers = { ...msg.properties.headers };
      delete headers[ATTEMPT_HEADER];
      await new Promise<void>((resolve, reject) => {
        channel.sendToQueue(queue, msg.content, { ...msg.properties, persistent: true, headers }, (err) =>
          err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve(),
        );
      });
      channel.ack(msg);
      moved++;
    }
    await channel.close();
    return moved;
  } finally {
    await connection.close().catch(() => undefined);
  }
}
