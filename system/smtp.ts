import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { waitFor } from '@taskflow/service-kit/testing';

export interface AcceptedEmail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  /** The Message-ID without its angle brackets. */
  messageId: string;
  subject: string;
  /** The task ids the email links to, once per link, in order (`…/tasks/<id>` in the HTML part). */
  taskIds: string[];
}

const taskLinks = /href="[^"]*\/tasks\/([0-9a-f-]{36})"/g;

/**
 * A real SMTP server in the test process, for system tests: like the notifications service's own
 * fixture, but it can go down and come back on the same port (the service's SMTP_URL stays valid),
 * and it can hold the next message at MAIL FROM, so a test knows a send is in flight at that moment.
 */
export async function startSmtpServer() {
  const accepted: AcceptedEmail[] = [];
  let holdNext: ((release: () => void) => void) | undefined;
  // Messages whose DATA is being read: a shutdown lets them finish (see down()).
  let receiving = 0;
  let refusing = false;
  let server: SMTPServer | undefined;
  let port = 0;

  const create = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      // Going down drops open connections at once (421), as a server that is shut down does.
      closeTimeout: 1,
      onMailFrom(_address, _session, callback) {
        if (refusing) return callback(Object.assign(new Error('Shutting down'), { responseCode: 421 }));
        if (!holdNext) return callback();
        const held = holdNext;
        holdNext = undefined;
        held(() => callback(Object.assign(new Error('Try again later'), { responseCode: 451 })));
      },
      onData(stream, session: SMTPServerSession, callback) {
        receiving++;
        const done = (err?: Error) => {
          receiving--;
          callback(err);
        };
        // Answer 250 only once the message is recorded, so "accepted" and "received" are one moment.
        simpleParser(stream).then(
          (mail) => {
            const html = typeof mail.html === 'string' ? mail.html : '';
            accepted.push({
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              messageId: (mail.messageId ?? '').replace(/^<|>$/g, ''),
              subject: mail.subject ?? '',
              taskIds: [...html.matchAll(taskLinks)].map((m) => m[1]!),
            });
            done();
          },
          (err: Error) => done(err),
        );
      },
    });

  const up = async () => {
    refusing = false;
    const next = create();
    await new Promise<void>((resolve) => next.listen(port, '127.0.0.1', resolve));
    port = (next.server.address() as AddressInfo).port;
    server = next;
  };
  await up();

  const smtp = {
    url: `smtp://127.0.0.1:${port}`,
    accepted,
    /** Messages accepted for an address so far. */
    to: (email: string) => accepted.filter((m) => m.to.includes(email.toLowerCase())),
    /** Waits until an accepted message to `email` satisfies `predicate`; returns it. */
    waitFor: (email: string, predicate: (m: AcceptedEmail) => boolean, what: string, timeoutMs = 30_000) =>
      waitFor(() => smtp.to(email).find(predicate), { timeoutMs, intervalMs: 100, what }),

    /**
     * Goes down as a mail server shutting down does: new transactions are refused (421) at once, a
     * message being received is finished and acknowledged, then the listener closes and every open
     * connection is dropped: sends fail until `up`. (Cutting a connection between "received" and its
     * 250 would be a different fault: the one window in which no SMTP client can know a message
     * arrived, so a retry duplicates it.)
     */
    async down(): Promise<void> {
      refusing = true;
      await waitFor(() => receiving === 0, { timeoutMs: 10_000, intervalMs: 5, what: 'messages in DATA to finish' });
      // Let the last 250s reach their clients before the connections are cut.
      await new Promise((resolve) => setTimeout(resolve, 200));
      const current = server;
      server = undefined;
      if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
    },
    /** Listens again on the same port. */
    up,

    /**
     * Holds the next message at MAIL FROM without answering, and resolves once one is held: a send
     * is in flight from then on. Call the release it resolves with to refuse it (451) at last.
     */
    holdNextMessage: (timeoutMs = 10_000) =>
      new Promise<() => void>((resolve, reject) => {
        const timer = setTimeout(() => {
          holdNext = undefined;
          reject(new Error(`no message came within ${timeoutMs} ms to hold`));
        }, timeoutMs);
        holdNext = (release) => {
          clearTimeout(timer);
          resolve(release);
        };
      }),

    close: () => smtp.down(),
  };
  return smtp;
}

export type SmtpServer = Awaited<ReturnType<typeof startSmtpServer>>;
