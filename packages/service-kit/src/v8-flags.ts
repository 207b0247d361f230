import { setFlagsFromString } from 'node:v8';

/**
 * Imported first by each service's main.ts, for its side effect: V8 flags that NODE_OPTIONS refuses,
 * set as the process starts (V8 reads them at each collection).
 *
 * `--no-allocation-site-pretenuring`: under a burst of requests V8 sees the objects of a request
 * (request and response, their promises and buffers) outlive a young-generation collection and from
 * then on allocates them straight in the old generation, where they die at once. The old generation
 * fills with garbage and is collected in full several times a second: on the board page ~19 full
 * collections per 10 000 requests, against ~8 without pretenuring (docs/performance.md).
 */
export const RUNTIME_V8_FLAGS = ['--no-allocation-site-pretenuring'];
for (const flag of RUNTIME_V8_FLAGS) setFlagsFromString(flag);
