import { pino, type Logger } from 'pino';
import { currentContext } from './context';

export type { Logger };

// What a database error carries of the data that was being written: drizzle's `params` (and its
// message's `params:` line), pg's `parameters`, `detail` ("Key (email)=(ada@…) already exists"),
// `where`. And anything shaped like a credential wherever it appears in a message.
const DATA_FIELDS = new Set(['params', 'parameters', 'detail', 'where']);
const SECRET_PATTERNS: [RegExp, string][] = [
  [/^params: .*$/gm, 'params: [redacted]'],
  [/(Bearer\s+)\S+/gi, '$1[redacted]'],
  [/eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]*/g, '[redacted token]'],
  [/\$argon2(id|i|d)\$[^\s'"]+/g, '[redacted hash]'],
  [/(password|secret|token)=[^\s&,;]+/gi, '$1=[redacted]'],
  [/\/\/([^/:@\s]+):([^@\s]+)@/g, '//$1:[redacted]@'],
];

const scrubText = (text: string) => SECRET_PATTERNS.reduce((t, [pattern, by]) => t.replace(pattern, by), text);

function scrubError(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (!value || typeof value !== 'object' || depth > 4) return value;
  if (Array.isArray(value)) return value.map((item) => scrubError(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, field]) => [
      key,
      DATA_FIELDS.has(key) ? '[redacted]' : scrubError(field, depth + 1),
    ]),
  );
}

/** pino's error serializer, then without bind parameters, row details and secret-looking values. */
export const serializeError = (err: unknown): unknown =>
  scrubError(err instanceof Error ? pino.stdSerializers.err(err) : err);

/** JSON logs; the request id and user id of the current request/message are added to every line. */
export function createLogger(service: string, level = 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const ctx = currentContext();
      return ctx ? { requestId: ctx.requestId, userId: ctx.userId } : {};
    },
    serializers: { err: serializeError, error: serializeError },
    redact: {
      paths: [
        'password',
        '*.password',
        '*.newPassword',
        '*.currentPassword',
        'accessToken',
        '*.accessToken',
        'refreshToken',
        '*.token',
        '*.resetUrl',
        'req.headers.authorization',
        'req.headers.cookie',
        'headers.authorization',
        'headers.cookie',
      ],
      censor: '[redacted]',
    },
  });
}
