import * as part from './browser/deferred';
import { describeDestinations, describeInit, unknownOptionWarnings } from './core/initReport';
import { createDelivery } from './transport/queue';

// The CDN's second file: hands the deferred part to the bundle that loaded it (browser/loadDeferredScript.ts),
// with the delivery queue and the init report, which the npm build loads as chunks of their own (loaders.ts).
const ready = (globalThis as Record<symbol, unknown>)[Symbol.for('tracewire.deferred')];
if (typeof ready === 'function') {
  (ready as (p: object) => void)({ ...part, createDelivery, describeDestinations, describeInit, unknownOptionWarnings });
}
