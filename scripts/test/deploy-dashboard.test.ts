// The Grafana dashboard (monitoring/grafana/dashboards/taskflow.json) shows what the services really
// export: every metric its queries name is in a live /metrics of the three services, started in-process
// as their own tests start them, after a request each so the request histogram has samples. The queue
// depths come from RabbitMQ's own Prometheus exporter (rabbitmq_prometheus, on in the official image),
// which is not running on this machine: those names are checked against the exporter's family instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAuthApp, type AuthTestApp } from '../../services/auth/test/auth-app';
import {
  createHarness as startNotifications,
  type Harness as NotificationsHarness,
} from '../../services/notifications/test/harness';
import { startHarness as startTasks, type Harness as TasksHarness } from '../../services/tasks/test/harness';
import { readRepoFile } from './deploy-env';

interface Panel {
  title: string;
  targets: { expr: string }[];
}
const dashboard = JSON.parse(readRepoFile('monitoring/grafana/dashboards/taskflow.json')) as { panels: Panel[] };

const PROMQL_WORDS = new Set([
  'sum',
  'max',
  'min',
  'avg',
  'count',
  'topk',
  'bottomk',
  'rate',
  'irate',
  'increase',
  'histogram_quantile',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'and',
  'or',
  'unless',
  'offset',
]);

/** The metric names a PromQL expression reads: identifiers outside label matchers, groupings and ranges. */
export function metricNamesIn(expr: string): string[] {
  const bare = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, ' ')
    .replace(/\[[^\]]*\]/g, ' ')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, ' ');
  const names = bare.match(/[a-zA-Z_:][a-zA-Z0-9_:]*/g) ?? [];
  return [...new Set(names.filter((name) => !PROMQL_WORDS.has(name)))];
}

/** Every series name a Prometheus text exposition offers (a histogram's _bucket/_sum/_count included). */
function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const [, name, type] = /^# TYPE (\S+) (\S+)/.exec(line) ?? [];
    if (name) {
      names.add(name);
      if (type === 'histogram' || type === 'summary')
        for (const s of ['_bucket', '_sum', '_count']) names.add(name + s);
    } else if (line && !line.startsWith('#')) names.add(line.split(/[{ ]/)[0] ?? line);
  }
  return names;
}

const queries = dashboard.panels.flatMap((panel) => panel.targets.map((t) => ({ panel: panel.title, expr: t.expr })));

describe('the Grafana dashboard', () => {
  let auth: AuthTestApp;
  let tasks: TasksHarness;
  let notifications: NotificationsHarness;
  const exported = new Set<string>();

  beforeAll(async () => {
    [auth, tasks, notifications] = await Promise.all([startAuthApp(), startTasks(), startNotifications()]);
    await notifications.start();
    const urls = [auth.baseUrl, tasks.baseUrl, notifications.baseUrl];
    for (const url of urls) await fetch(`${url}/api/nothing-here`);
    for (const url of urls)
      for (const name of exportedNames(await (await fetch(`${url}/metrics`)).text())) exported.add(name);
  });
  afterAll(async () => {
    await Promise.all([auth?.close(), tasks?.close(), notifications?.close()]);
  });

  it('has panels for request rates, latencies, errors, event backlog and lag, dead letters, sockets, reminder lag, email and the event loop', () => {
    const text = queries.map((q) => q.expr).join('\n');
    for (const name of [
      'http_request_duration_seconds_count',
      'http_request_duration_seconds_bucket',
      'rabbitmq_detailed_queue_messages_ready',
      'notification_email_queue_depth',
      'nodejs_eventloop_lag_p99_seconds',
      'event_handling_lag_seconds_bucket',
      'realtime_connected_sockets',
      'reminder_claim_lag_seconds_bucket',
    ])
      expect(text).toContain(name);
  });

  it('names only metrics the services export (and RabbitMQ queue metrics from its exporter)', () => {
    expect(exported.has('http_request_duration_seconds_bucket')).toBe(true);
    const unknown = queries.flatMap(({ panel, expr }) =>
      metricNamesIn(expr)
        .filter((name) => !exported.has(name) && !/^rabbitmq_detailed_queue_messages(_ready|_unacked)?$/.test(name))
        .map((name) => `${panel}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('reads metric names out of PromQL, not labels or functions', () => {
    expect(
      metricNamesIn(
        'histogram_quantile(0.99, sum by (service, le) (rate(http_request_duration_seconds_bucket{status=~"5.."}[5m])))',
      ),
    ).toEqual(['http_request_duration_seconds_bucket']);
  });
});
