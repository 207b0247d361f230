/**
 * Each service's `dist/main.mjs` (scripts/build-services.mjs): sets the runtime V8 flags, then loads
 * the bundled service beside it (`dist/service.mjs`, from the service's src/main.ts). A static import
 * would load the service and its packages before the flags are set.
 */
import { setRuntimeV8Flags } from './v8-flags';

setRuntimeV8Flags();
// A file beside this one at run time, not bundled into it (the address is computed).
await import(new URL('./service.mjs', import.meta.url).href);
