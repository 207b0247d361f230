// What `npm start` checks before it starts anything: free ports and reachable backing services.
// Node built-ins only.
import { canConnect, endpointOf, isPortFree } from './net.mjs';
import { fail, hasCommand, paint } from './system.mjs';

/** The command that starts each backing service on a development machine. */
const START_COMMANDS = {
  PostgreSQL: 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start',
  Redis:
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log',
  RabbitMQ: 'rabbitmq-server -detached',
};

/**
 * `wanted` is a list of [name, variable, port]; true when every port is free and no two share one,
 * else it prints each problem and returns false.
 */
export async function checkPortsFree(wanted, gatewayPort) {
  const seen = new Map();
  const problems = [];
  for (const [name, variable, port] of wanted) {
    if (seen.has(port)) problems.push(`${name} and ${seen.get(port)} are both configured on port ${port}`);
    seen.set(port, name);
    if (await isPortFree(port)) continue;
    problems.push(
      port === gatewayPort
        ? `Port ${port} (${variable}, nginx) is already in use — another TaskFlow may be running (npm start in another terminal?). Stop it, or run on other ports, e.g. PORT=8081.`
        : `Port ${port} (${variable}, ${name}) is already in use — stop what listens there or set ${variable}.`,
    );
  }
  problems.forEach((problem) => fail(problem));
  return problems.length === 0;
}

/** True when PostgreSQL, Redis and RabbitMQ answer; else it prints, for each one down, how to start it. */
export async function checkBackingServices(env) {
  const checks = [
    ['PostgreSQL', endpointOf(env.AUTH_DATABASE_URL, 5432)],
    ['PostgreSQL', endpointOf(env.TASKS_DATABASE_URL, 5432)],
    ['Redis', endpointOf(env.REDIS_URL, 6379)],
    ['RabbitMQ', endpointOf(env.AMQP_URL, 5672)],
  ];
  const unique = [...new Map(checks.map((c) => [`${c[0]} ${c[1].host}:${c[1].port}`, c])).values()];
  const results = await Promise.all(unique.map(([, { host, port }]) => canConnect(host, port, 2000)));
  const down = unique.filter((_, i) => !results[i]);
  for (const [name, { host, port }] of down) {
    fail(`${name} is not reachable at ${host}:${port}. Start it with:\n    ${START_COMMANDS[name]}`);
  }
  // Without these installed, Docker is the shorter way: the compose file brings its own.
  if (down.length && hasCommand('docker')) {
    console.error(
      paint(
        '1',
        'Docker is installed: `docker compose up --build` runs the whole of TaskFlow in containers, PostgreSQL, Redis and RabbitMQ included (docs/deploy.md).',
      ),
    );
  }
  return down.length === 0;
}
