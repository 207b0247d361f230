// Preloaded into the services by `npm run bench -- --profile=DIR` (NODE_OPTIONS=--import; Node refuses
// --cpu-prof there): profiles the whole process life and writes DIR/<service>-<pid>.cpuprofile on exit.
// The inspector session runs on the same thread, so its calls complete synchronously, even in 'exit'.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const service = /services\/([a-z]+)\/(?:src\/main\.ts|dist\/main\.mjs)/.exec(process.argv.join(' '))?.[1];
const dir = process.env.BENCH_PROFILE_DIR;
if (service && dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 500 });
  session.post('Profiler.start');
  process.on('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(path.join(dir, `${service}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
