// The raw event chain, the ceiling of "task assigned → notification": what this machine's RabbitMQ, Redis and
// Socket.IO do for one notification without any of our code. Shaped like the notifications service's path: a
// consumer of a quorum queue (prefetch 32, as the service kit's) writes the notification to Redis in one round
// trip (sorted set, hash, unread set — what the bell keeps), emits it to the user's room on a Socket.IO server
// with the same redis-streams adapter and connection-state recovery, then acks. No validation, no domain, no
// token check (a socket names its user in its handshake): that is what the budget leaves room for.
// Run by scripts/bench/event-chain.mjs as a child process (IPC): AMQP_URL, REDIS_URL, EXCHANGE, QUEUE,
// KEY_PREFIX; it reports its port once it listens and consumes.
import http from 'node:http';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { connect } from 'amqplib';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';

const { AMQP_URL, REDIS_URL, EXCHANGE, QUEUE, KEY_PREFIX } = process.env;
const store = new Redis(REDIS_URL);
const adapterRedis = new Redis(REDIS_URL); // the service gives its adapter a client of its own, too
const server = http.createServer();
const io = new Server(server, {
  path: '/socket.io',
  serveClient: false,
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: false },
  adapter: createAdapter(adapterRedis, {
    streamName: `${KEY_PREFIX}socket.io`,
    channelPrefix: `${KEY_PREFIX}socket.io`,
    sessionKeyPrefix: `${KEY_PREFIX}sio:session:`,
  }),
});
io.use((socket, next) => {
  const userId = socket.handshake.auth?.userId;
  if (typeof userId !== 'string') return next(new Error('unauthorized'));
  socket.data.userId = userId;
  next();
});
io.on('connection', (socket) => void socket.join(`user:${socket.data.userId}`));

const amqp = await connect(AMQP_URL);
const channel = await amqp.createChannel();
await channel.assertExchange(EXCHANGE, 'topic', { durable: true });
await channel.assertQueue(QUEUE, { durable: true, arguments: { 'x-queue-type': 'quorum', 'x-expires': 120_000 } });
await channel.bindQueue(QUEUE, EXCHANGE, 'task.assigned');
await channel.prefetch(32);
await channel.consume(QUEUE, (message) => {
  const event = JSON.parse(message.content.toString());
  const createdAt = Date.now();
  const id = `${String(createdAt).padStart(15, '0')}-${event.id}`;
  const notification = {
    id,
    type: 'task.assigned',
    taskId: event.taskId,
    createdAt: new Date(createdAt).toISOString(),
  };
  const key = `${KEY_PREFIX}n:{${event.userId}}`;
  store
    .multi()
    .zadd(`${key}:list`, createdAt, id)
    .hset(`${key}:items`, id, JSON.stringify(notification))
    .sadd(`${key}:unread`, id)
    .scard(`${key}:unread`)
    .exec()
    .then(
      () => {
        io.to(`user:${event.userId}`).emit('notification', notification);
        channel.ack(message);
      },
      (error) => {
        console.error(`event chain: ${error.message}`);
        channel.nack(message, false, false);
      },
    );
});

server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
const stop = async () => {
  await amqp.close().catch(() => undefined);
  await new Promise((resolve) => void io.close(() => resolve()));
  await Promise.allSettled([store.quit(), adapterRedis.quit()]);
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('disconnect', () => void stop());
