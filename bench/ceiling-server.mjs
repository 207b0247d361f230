// The bench's ceiling: a bare node:http + pg server answering the board's 50-row indexed SELECT, i.e. what
// this machine does for that query without any of our stack. Throughput budgets are a share of it.
// Run by scripts/bench/ceiling.mjs as a child process (IPC): DATABASE_URL, PROJECT_ID; it reports its port.
import http from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const query = {
  name: 'board',
  text: `SELECT id, project_id, title, description, status, priority, due_at, assignee_id, labels, position,
                created_by, created_at, updated_at, version
           FROM bench_tasks WHERE project_id = $1 ORDER BY status, position, id LIMIT 50`,
  values: [process.env.PROJECT_ID],
};

const server = http.createServer((req, res) => {
  pool.query(query).then(
    ({ rows }) => {
      const body = JSON.stringify({ items: rows, nextCursor: null });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    },
    (err) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(err.message);
    },
  );
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
process.on('SIGTERM', () => {
  server.close(() => void pool.end().finally(() => process.exit(0)));
  server.closeAllConnections();
});
process.on('disconnect', () => process.exit(0));
