import * as part from './browser/deferred';

// The CDN's second file: hands the deferred part to the bundle that loaded it (loadDeferredScript.ts).
const ready = (globalThis as Record<symbol, unknown>)[Symbol.for('tracewire.deferred')];
if (typeof ready === 'function') (ready as (p: typeof part) => void)(part);
