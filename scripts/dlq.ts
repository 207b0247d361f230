// `npm run dlq` — look at and replay the dead-letter queues of the consumers.
//   npm run dlq                       how many messages wait in each consumer's DLQ
//   npm run dlq -- replay <service>   move them back onto the service's queue (after fixing the cause)
//   npm run dlq -- replay <service> --limit 10
// Uses AMQP_URL and QUEUE_PREFIX like the services (defaults: local RabbitMQ, `taskflow`).
import amqp from 'amqplib';
import { replayDeadLetters } from '@taskflow/service-kit/consumer';

const CONSUMERS = ['tasks', 'notifications'];
const url = process.env.AMQP_URL || 'amqp://guest:guest@localhost:5672';
const prefix = process.env.QUEUE_PREFIX || 'taskflow';
const [command = 'count', service, ...rest] = process.argv.slice(2);

async function count(): Promise<void> {
  const connection = await amqp.connect(url);
  try {
    for (const name of CONSUMERS) {
      const channel = await connection.createChannel();
      channel.on('error', () => undefined);
      const dlq = `${prefix}.${name}.dlq`;
      const found = await channel.checkQueue(dlq).catch(() => undefined);
      console.log(`${dlq}: ${found ? `${found.messageCount} message(s)` : 'not declared yet'}`);
      if (found) await channel.close();
    }
  } finally {
    await connection.close();
  }
}

if (command === 'count') {
  await count();
} else if (command === 'replay' && service && CONSUMERS.includes(service)) {
  const limitIndex = rest.indexOf('--limit');
  const limit = limitIndex >= 0 ? Number(rest[limitIndex + 1]) : Number.POSITIVE_INFINITY;
  if (!(limit > 0)) throw new Error('--limit takes a positive number');
  const moved = await replayDeadLetters(url, `${prefix}.${service}`, limit);
  console.log(`moved ${moved} message(s) from ${prefix}.${service}.dlq back to ${prefix}.${service}`);
} else {
  console.error(`usage: npm run dlq [-- replay <${CONSUMERS.join('|')}> [--limit N]]`);
  process.exit(2);
}
