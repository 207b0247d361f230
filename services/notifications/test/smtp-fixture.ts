import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { waitFor } from '@taskflow/service-kit/testing';

export interface ReceivedEmail {
  /** Envelope recipients (RCPT TO), lower-cased. */
  to: string[];
  mail: ParsedMail;
  html: string;
  text: string;
}

/**
 * A real SMTP server in the test process (port 0), recording every message it accepts. `refuse`
 * makes it answer 451 (try later) to every message, as a server in trouble does.
 */
export async function startSmtpFixture() {
  const received: ReceivedEmail[] = [];
  let refusing = false;
  let refused = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!refusing) return callback();
      refused += 1;
      callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
    },
    onData(stream, session, callback) {
      // Answer 250 only once the message is recorded, so "accepted" and "received" are one moment.
      simpleParser(stream).then(
        (mail) => {
          received.push({
            to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
            mail,
            html: typeof mail.html === 'string' ? mail.html : '',
            text: mail.text ?? '',
          });
          callback();
        },
        (err: Error) => callback(err),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  const fixture = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    /** Messages accepted for an address so far. */
    to: (email: string) => received.filter((m) => m.to.includes(email.toLowerCase())),
    /** Waits until `count` messages have been accepted for an address, and returns them. */
    waitFor: (email: string, count = 1, timeoutMs = 8000) =>
      waitFor(() => (fixture.to(email).length >= count ? fixture.to(email) : null), {
        timeoutMs,
        what: `${count} email(s) to ${email}`,
      }),
    refuse(on: boolean) {
      refusing = on;
    },
    get refusedCount() {
      return refused;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fixture;
}

export type SmtpFixture = Awaited<ReturnType<typeof startSmtpFixture>>;
