import { Writable } from 'node:stream';
import amqp, { type ChannelModel, type ConfirmChannel, type Options } from 'amqplib';
import type { AnyEvent } from '@taskflow/contracts/events';
import type { Logger } from './logger';
import { batchWritesPerTurn } from './write-batching';

export type TopologySetup = (channel: ConfirmChannel) => Promise<void>;

export interface BrokerOptions {
  url: string;
  exchange: string;
  logger: Logger;
  /** Reconnect back-off bounds. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * One AMQP connection with a confirm channel for publishing. It reconnects with back-off when
 * the broker goes away and re-runs every registered setup (consumers re-subscribe). While it is
 * down, publish() rejects: the outbox keeps the event and the relay tries again.
 */
export class Broker {
  private connection?: ChannelModel;
  private publishChannel?: ConfirmChannel;
  private readonly setups: TopologySetup[] = [];
  private closing = false;
  private reconnectTimer?: NodeJS.Timeout;
  private attempt = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly opts: BrokerOptions) {}

  get exchange(): string {
    return this.opts.exchange;
  }

  get connected(): boolean {
    return this.publishChannel !== undefined;
  }

  /** Connects, retrying until it succeeds or `timeoutMs` passes. */
  async start(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.connect();
        return;
      } catch (err) {
        if (Date.now() > deadline || this.closing) throw err;
        this.opts.logger.warn({ err: (err as Error).message }, 'broker not reachable yet, retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  /** Registers topology/consumer setup, run now (if connected) and after every reconnect. */
  async addSetup(setup: TopologySetup): Promise<void> {
    this.setups.push(setup);
    if (this.connection) {
      const channel = await this.connection.createConfirmChannel();
      await setup(channel);
    }
  }

  onConnected(listener: () => void): void {
    this.listeners.add(listener);
  }

  publish(event: AnyEvent, options: Options.Publish = {}): Promise<void> {
    return this.publishJson(JSON.stringify(event), event, options);
  }

  /**
   * Publishes an event already serialised (`json`, the whole envelope: the outbox's stored text),
   * with the envelope fields its properties carry; resolves once the broker confirms it.
   */
  async publishJson(
    json: string,
    event: Pick<AnyEvent, 'id' | 'type' | 'correlationId' | 'occurredAt'>,
    options: Options.Publish = {},
  ): Promise<void> {
    const channel = this.publishChannel;
    if (!channel) throw new Error('broker is not connected');
    await new Promise<void>((resolve, reject) => {
      channel.publish(
        this.opts.exchange,
        event.type,
        Buffer.from(json),
        {
          persistent: true,
          contentType: 'application/json',
          messageId: event.id,
          correlationId: event.correlationId,
          type: event.type,
          timestamp: Math.floor(Date.parse(event.occurredAt) / 1000),
          ...options,
        },
        (err) => (err ? reject(err instanceof Error ? err : new Error(String(err))) : resolve()),
      );
    });
  }

  async ping(): Promise<void> {
    if (!this.publishChannel) throw new Error('broker is not connected');
    await this.publishChannel.checkExchange(this.opts.exchange);
  }

  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.reconnectTimer);
    const connection = this.connection;
    this.connection = undefined;
    this.publishChannel = undefined;
    await connection?.close().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const connection = await amqp.connect(this.opts.url, { clientProperties: { connection_name: 'taskflow' } });
    connection.on('error', (err: Error) => this.opts.logger.warn({ err: err.message }, 'broker connection error'));
    connection.on('close', () => {
      if (this.connection !== connection) return;
      this.connection = undefined;
      this.publishChannel = undefined;
      if (!this.closing) this.scheduleReconnect();
    });
    try {
      batchWritesPerTurn(socketOf(connection));
      const channel = await connection.createConfirmChannel();
      channel.on('error', (err: Error) => this.opts.logger.warn({ err: err.message }, 'broker channel error'));
      await channel.assertExchange(this.opts.exchange, 'topic', { durable: true });
      for (const setup of this.setups) {
        const setupChannel = await connection.createConfirmChannel();
        await setup(setupChannel);
      }
      this.connection = connection;
      this.publishChannel = channel;
      channel.on('close', () => {
        if (this.publishChannel === channel && !this.closing) {
          // A channel-level error closes only the channel: drop the connection to start clean.
          void connection.close().catch(() => undefined);
        }
      });
    } catch (err) {
      await connection.close().catch(() => undefined);
      throw err;
    }
    this.attempt = 0;
    this.opts.logger.info({ exchange: this.opts.exchange }, 'broker connected');
    for (const listener of this.listeners) listener();
  }

  private scheduleReconnect(): void {
    const min = this.opts.minDelayMs ?? 250;
    const max = this.opts.maxDelayMs ?? 10_000;
    const delay = Math.min(max, min * 2 ** this.attempt++) * (0.5 + Math.random() / 2);
    this.opts.logger.warn({ delayMs: Math.round(delay) }, 'broker connection lost, reconnecting');
    this.reconnectTimer = setTimeout(() => {
      this.connect().catch((err: Error) => {
        this.opts.logger.warn({ err: err.message }, 'broker reconnect failed');
        if (!this.closing) this.scheduleReconnect();
      });
    }, delay);
  }
}

/**
 * The socket under an amqplib connection (`ChannelModel#connection.stream`, not in its types). If a
 * later amqplib moves it, this throws at connect, and the broker's tests say so.
 */
export function socketOf(connection: ChannelModel): Writable {
  const stream = (connection as unknown as { connection?: { stream?: unknown } }).connection?.stream;
  if (!(stream instanceof Writable)) throw new Error('amqplib: no socket at connection.connection.stream');
  return stream;
}
