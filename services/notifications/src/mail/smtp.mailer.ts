import nodemailer from 'nodemailer';
import { BrokenCircuitError, CircuitState, circuitBreaker, ConsecutiveBreaker, handleWhen } from 'cockatiel';
import type { Logger } from '@taskflow/service-kit/logger';
import { EmailChannelUnavailableError, type EmailChannel, type EmailMessage } from '../domain/email.port';
import { renderNotificationEmail } from './notification-email';
import { oneAtATime } from './one-at-a-time';

export interface BreakerOptions {
  /** Consecutive failures that open the circuit. */
  failures: number;
  /** How long it stays open before one probe may go through (half-open). */
  halfOpenAfterMs: number;
}

export interface SmtpMailerOptions {
  smtpUrl: string;
  /** `Name <address>` or an address: the From of every email, and the domain of its Message-ID. */
  from: string;
  appUrl: string;
  logger: Logger;
  /** From SMTP_BREAKER_FAILURES and SMTP_BREAKER_HALF_OPEN_MS. */
  breaker: BreakerOptions;
  /** SMTP_MAX_PER_SECOND: messages handed to the server per second, at most; the rest wait their turn. */
  maxPerSecond: number;
}

export interface SmtpMailer extends EmailChannel {
  /** 0 closed, 1 open, 2 half-open: the /metrics gauge. */
  circuitState(): 0 | 1 | 2;
  close(): void;
}

/**
 * Failures that say the server is in trouble: no connection, a timeout, a 4xx ("try later"). A 5xx
 * is the server answering that this message is unacceptable (say, an unknown mailbox): the message
 * is retried, but the server is fine and the circuit stays closed for everyone else.
 */
const isServerTrouble = (err: unknown): boolean => {
  const code = (err as { responseCode?: unknown }).responseCode;
  return !(typeof code === 'number' && code >= 500 && code < 600);
};

const messageIdDomain = (from: string): string => /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'taskflow.local';

/**
 * Email over SMTP with nodemailer (a small pool of connections, at most `maxPerSecond` messages a
 * second; timeouts well inside the dispatcher's lease, so a send never outlives the lease that
 * protects it), behind a cockatiel circuit breaker: after `failures` consecutive failures it stops
 * calling the server for `halfOpenAfterMs`, then lets one probe through, and closes again when that
 * succeeds.
 */
export function createSmtpMailer(opts: SmtpMailerOptions): SmtpMailer {
  const { failures, halfOpenAfterMs } = opts.breaker;
  const transport = nodemailer.createTransport({
    url: opts.smtpUrl,
    pool: true,
    // A new connection takes its first message without asking the limiter below: never more than the limit.
    maxConnections: Math.min(4, opts.maxPerSecond),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // The pool's own limiter: once `rateLimit` messages went out in a `rateDelta` window, the next wait for
    // the window to end.
    rateLimit: opts.maxPerSecond,
    rateDelta: 1000,
  });
  const breaker = circuitBreaker(handleWhen(isServerTrouble), {
    halfOpenAfter: halfOpenAfterMs,
    breaker: new ConsecutiveBreaker(failures),
  });
  breaker.onBreak(() => opts.logger.warn({ halfOpenAfterMs }, 'SMTP circuit open: not calling the server for a while'));
  breaker.onHalfOpen(() => opts.logger.info('SMTP circuit half-open: probing the server'));
  breaker.onReset(() => opts.logger.info('SMTP circuit closed: the server answers again'));
  const domain = messageIdDomain(opts.from);
  // Sends run side by side (the pool's connections); their renders take turns, with I/O between.
  const rendering = oneAtATime();

  return {
    async send(message: EmailMessage): Promise<void> {
      const email = await rendering(() => renderNotificationEmail(message, opts.appUrl));
      try {
        await breaker.execute(() =>
          transport.sendMail({
            from: opts.from,
            to: { name: message.to.name, address: message.to.email },
            subject: email.subject,
            html: email.html,
            text: email.text,
            messageId: `<${message.messageKey}@${domain}>`,
          }),
        );
      } catch (err) {
        if (err instanceof BrokenCircuitError) throw new EmailChannelUnavailableError(halfOpenAfterMs);
        throw err;
      }
    },

    circuitState() {
      switch (breaker.state) {
        case CircuitState.Closed:
          return 0;
        case CircuitState.HalfOpen:
          return 2;
        default:
          return 1;
      }
    },

    close() {
      transport.close();
    },
  };
}
