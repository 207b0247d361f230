import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags that NODE_OPTIONS refuses, set by each service's bundled entry (`dist/main.mjs`, from
 * boot.ts) before the service itself — and every package it imports — is loaded: decisions V8 takes
 * while modules load (which allocation sites to pretenure) outlive a flag set later.
 *
 * `--no-allocation-site-pretenuring`: under a burst of requests V8 sees the objects of a request
 * (request and response, their promises and buffers) outlive a young-generation collection and from
 * then on allocates them straight in the old generation, where they die at once. The old generation
 * fills with garbage and is collected several times a second: on the board page, 133 full
 * collections in one bench round with event-loop stalls of 10–25 ms, against 17 without
 * pretenuring, and 1.5× the throughput (docs/performance.md).
 */
export const RUNTIME_V8_FLAGS = ['--no-allocation-site-pretenuring'];

export function setRuntimeV8Flags(): void {
  for (const flag of RUNTIME_V8_FLAGS) setFlagsFromString(flag);
}
