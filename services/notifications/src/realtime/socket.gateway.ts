import type { Server as HttpServer } from 'node:http';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { z } from 'zod';
import {
  ProjectSubscription,
  projectRoom,
  Reauth,
  sessionRoom,
  SocketErrorCode,
  userRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SocketAck,
} from '@taskflow/contracts/socket';
import type { TokenVerifier } from '@taskflow/service-kit/auth';
import type { Logger } from '@taskflow/service-kit/logger';
import type { NotificationService } from '../domain/notification.service';
import type { ProjectAccessService } from '../domain/project-access.service';
import type { Pusher } from '../domain/push.port';

interface SocketData {
  userId: string;
  sessionId: string;
  /** When the socket's access token expires (epoch seconds); `reauth` moves it. */
  exp: number;
}

export type SocketServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface Realtime {
  io: SocketServer;
  pusher: Pusher;
  /** Disconnects every socket of a session, on every instance (the session was revoked). */
  endSession(sessionId: string): void;
  /** Disconnects every socket, stops the adapter, closes the attached http server and the adapter's Redis client. */
  close(): Promise<void>;
}

const MAX_DISCONNECTION_MS = 2 * 60 * 1000;

/**
 * The Socket.IO server and the Pusher over it. Rooms are shared by every instance through the
 * Redis streams adapter, which needs raw keys: its client has no key prefix, the prefix goes into
 * the stream, channel and session names instead.
 */
export function createRealtime(opts: { redisUrl: string; keyPrefix: string }): Realtime {
  // Not auto-pipelined: a push's XADD goes out at once (the adapter awaits it before writing to the
  // local sockets), and the pipelines' garbage cost more memory than the write it saved.
  const adapterRedis = new Redis(opts.redisUrl);
  const io: SocketServer = new Server({
    path: '/socket.io',
    serveClient: false,
    // Same origin through nginx: no CORS.
    connectionStateRecovery: { maxDisconnectionDuration: MAX_DISCONNECTION_MS, skipMiddlewares: false },
    adapter: createAdapter(adapterRedis, {
      streamName: `${opts.keyPrefix}socket.io`,
      channelPrefix: `${opts.keyPrefix}socket.io`,
      sessionKeyPrefix: `${opts.keyPrefix}sio:session:`,
    }),
  });
  skipOwnStreamEntries(io);

  const pusher: Pusher = {
    toUser(userId, event, payload) {
      emit(io, userRoom(userId), event, payload);
    },
    toProject(projectId, event, payload) {
      emit(io, projectRoom(projectId), event, payload);
    },
    leaveProject(projectId, userId) {
      io.in(userId ? userRoom(userId) : projectRoom(projectId)).socketsLeave(projectRoom(projectId));
    },
  };

  return {
    io,
    pusher,
    endSession(sessionId) {
      io.in(sessionRoom(sessionId)).disconnectSockets(true);
    },
    async close() {
      // io.close() also closes the http server it is attached to; "not running" just means that happened already.
      await new Promise<void>((resolve) => void io.close(() => resolve()));
      await adapterRedis.quit().catch(() => adapterRedis.disconnect());
    },
  };
}

/**
 * Every instance reads the whole stream back, the entries it wrote itself included, and the streams
 * adapter decodes each one (a JSON.parse of the packet) before its base class drops those whose uid
 * is its own. Dropping them before the decode saves that parse on every push this instance makes;
 * entries from other instances go through as before. Should an adapter version no longer have the
 * method, nothing is wrapped and the adapter works as it does on its own.
 */
function skipOwnStreamEntries(io: SocketServer): void {
  const adapter = io.of('/').adapter as unknown as {
    uid?: unknown;
    onRawMessage?: (entry: { uid?: unknown }, offset: string) => void;
  };
  const decodeAndApply = adapter.onRawMessage;
  if (typeof decodeAndApply !== 'function' || typeof adapter.uid !== 'string') return;
  adapter.onRawMessage = (entry, offset) => {
    if (entry.uid !== adapter.uid) decodeAndApply.call(adapter, entry, offset);
  };
}

function emit(io: SocketServer, room: string, event: keyof ServerToClientEvents, payload: unknown): void {
  (io.to(room).emit as (ev: string, data: unknown) => boolean)(event, payload);
}

export interface GatewayDeps {
  verifier: TokenVerifier;
  notifications: NotificationService;
  access: ProjectAccessService;
  logger: Logger;
}

/** Authenticates sockets, puts each in its user's room, and lets members watch a project's board. */
export function attachGateway(io: SocketServer, server: HttpServer, deps: GatewayDeps): void {
  io.use((socket, next) => {
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
    if (typeof token !== 'string' || token.length === 0) return next(new Error('unauthorized'));
    deps.verifier.verify(token).then(
      (claims) => {
        socket.data.userId = claims.sub;
        socket.data.sessionId = claims.sid;
        socket.data.exp = claims.exp;
        next();
      },
      () => next(new Error('unauthorized')),
    );
  });

  io.on('connection', (socket) => {
    const { userId } = socket.data;
    // A recovered socket gets its rooms back from the adapter; joining again is harmless.
    void socket.join([userRoom(userId), sessionRoom(socket.data.sessionId)]);
    // The socket lives as long as its token: at expiry it is closed unless `reauth` brought a fresh one.
    let expiry: NodeJS.Timeout | undefined;
    const closeAtExpiry = () => {
      clearTimeout(expiry);
      const ms = Math.max(0, socket.data.exp * 1000 - Date.now());
      expiry = setTimeout(() => socket.disconnect(true), Math.min(ms, 2 ** 31 - 1));
    };
    closeAtExpiry();
    socket.on('disconnect', () => clearTimeout(expiry));
    deps.notifications.unreadCount(userId).then(
      (count) => socket.emit('unread_count', { count }),
      (err: Error) => deps.logger.warn({ err: err.message, userId }, 'could not send the unread count'),
    );

    const on = <S extends z.ZodType>(
      event: keyof ClientToServerEvents,
      schema: S,
      handle: (payload: z.infer<S>) => Promise<SocketAck>,
    ) => {
      // Typed loosely on purpose: a client may send anything, or no ack at all.
      (socket.on as (ev: string, listener: (...args: unknown[]) => void) => void)(event, (...args) => {
        const ack = typeof args.at(-1) === 'function' ? (args.at(-1) as (res: SocketAck) => void) : undefined;
        const parsed = schema.safeParse(args[0]);
        const answer: Promise<SocketAck> = parsed.success
          ? handle(parsed.data).catch((err: Error) => {
              deps.logger.warn({ err: err.message, userId, event }, 'socket event failed');
              return { ok: false, error: SocketErrorCode.unavailable };
            })
          : Promise.resolve({ ok: false, error: SocketErrorCode.invalidPayload });
        void answer.then((res) => ack?.(res));
      });
    };

    on('subscribe_project', ProjectSubscription, async ({ projectId }) => {
      if (!(await deps.access.canWatchProject(userId, projectId)))
        return { ok: false, error: SocketErrorCode.forbidden };
      await socket.join(projectRoom(projectId.toLowerCase()));
      return { ok: true };
    });

    on('reauth', Reauth, async ({ token }) => {
      const claims = await deps.verifier.verify(token).catch(() => undefined);
      if (!claims || claims.sub !== userId) return { ok: false, error: SocketErrorCode.unauthorized };
      if (claims.sid !== socket.data.sessionId) {
        await socket.leave(sessionRoom(socket.data.sessionId));
        await socket.join(sessionRoom(claims.sid));
        socket.data.sessionId = claims.sid;
      }
      socket.data.exp = Math.max(socket.data.exp, claims.exp);
      closeAtExpiry();
      return { ok: true };
    });

    on('unsubscribe_project', ProjectSubscription, async ({ projectId }) => {
      await socket.leave(projectRoom(projectId.toLowerCase()));
      return { ok: true };
    });
  });

  io.attach(server);
}
