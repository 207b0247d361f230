// A reader for the few Dockerfile instructions the deployment checks look at, and those checks: pinned
// base images, an unprivileged user and a HEALTHCHECK in the image that runs, no development dependencies
// copied into it, every file it copies present in the build context (the repository minus .dockerignore).
import { readRepoFile, repoFileExists } from './deploy-env';

export interface Instruction {
  keyword: string;
  args: string;
}
export interface Stage {
  name: string;
  image: string;
  instructions: Instruction[];
}
export interface Dockerfile {
  stages: Stage[];
  /** The last stage: the image that runs. */
  runtime: Stage;
  healthcheck: boolean;
}

export function parseDockerfile(file: string): Dockerfile {
  const lines = readRepoFile(file)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, keyword = '', rest = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { keyword: keyword.toUpperCase(), args: rest.replace(/\s+/g, ' ') };
    if (instruction.keyword === 'FROM') {
      const [image = '', , name] = instruction.args.split(' ');
      const resolved = image.replace(/\$\{?(\w+)\}?/g, (_, arg: string) => args.get(arg) ?? '');
      stages.push({ name: name ?? String(stages.length), image: resolved, instructions: [] });
    } else if (instruction.keyword === 'ARG' && stages.length === 0) {
      const [name = '', value = ''] = instruction.args.split('=');
      args.set(name, value.replace(/^"|"$/g, ''));
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  const runtime = stages.at(-1)!;
  return { stages, runtime, healthcheck: runtime.instructions.some((i) => i.keyword === 'HEALTHCHECK') };
}

/** .dockerignore's patterns, as the few forms it uses: `name`, `**\/name`, `*.ext`. */
function isIgnored(source: string): boolean {
  const patterns = readRepoFile('.dockerignore')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const segments = source.split('/');
  return patterns.some((pattern) => {
    if (pattern.startsWith('**/')) return segments.includes(pattern.slice(3));
    if (pattern.startsWith('*.')) return source.endsWith(pattern.slice(1));
    return source === pattern || source.startsWith(`${pattern}/`);
  });
}

const copySources = (instruction: Instruction): { from?: string; sources: string[] } => {
  const words = instruction.args.split(' ');
  const from = words.find((w) => w.startsWith('--from='))?.slice('--from='.length);
  const paths = words.filter((w) => !w.startsWith('--'));
  return { from, sources: paths.slice(0, -1) };
};

export function dockerfileProblems(file: string): string[] {
  const { stages, runtime, healthcheck } = parseDockerfile(file);
  const problems: string[] = [];
  for (const stage of stages) {
    const [, tag = ''] = stage.image.split(':');
    if (!/^v?\d/.test(tag))
      problems.push(`stage ${stage.name}: base image "${stage.image}" is not pinned to a version`);
    for (const instruction of stage.instructions.filter((i) => i.keyword === 'COPY')) {
      const { from, sources } = copySources(instruction);
      if (from) continue;
      for (const source of sources.map((s) => s.replace(/^\.\//, '').replace(/\/$/, ''))) {
        if (!repoFileExists(source)) problems.push(`COPY ${source}: not in the repository`);
        else if (isIgnored(source)) problems.push(`COPY ${source}: excluded by .dockerignore`);
      }
    }
  }
  const user = runtime.instructions.filter((i) => i.keyword === 'USER').at(-1)?.args;
  if (!user || user === 'root' || user.startsWith('0')) problems.push('the runtime stage runs as root');
  if (!healthcheck) problems.push('the runtime stage has no HEALTHCHECK');
  for (const instruction of runtime.instructions.filter((i) => i.keyword === 'COPY')) {
    const { from, sources } = copySources(instruction);
    const stage = stages.find((s) => s.name === from);
    if (!stage || !sources.some((s) => /node_modules\/?$/.test(s))) continue;
    const install = stage.instructions.find((i) => i.keyword === 'RUN' && /npm (ci|install)/.test(i.args));
    if (!install?.args.includes('--omit=dev'))
      problems.push(`the runtime stage copies node_modules from stage ${stage.name}, which installs dev dependencies`);
  }
  const runsNode = runtime.instructions.some((i) => i.keyword === 'CMD' && i.args.includes('"node"'));
  const env = runtime.instructions.filter((i) => i.keyword === 'ENV').map((i) => i.args);
  if (runsNode && !env.some((e) => /\bHOST=0\.0\.0\.0\b/.test(e)))
    problems.push('the service image does not listen on every interface (HOST=0.0.0.0)');
  return problems;
}
