import * as part from './browser/deferred';
import { handOver } from './browser/handover';
import { describeDestinations, describeInit, unknownOptionWarnings } from './core/initReport';
import { createDelivery } from './transport/queue';

// The CDN's second file: hands the deferred part to the bundle that loaded it (browser/handover.ts),
// with the delivery queue and the init report, which the npm build loads as chunks of their own (loaders.ts).
handOver({ ...part, createDelivery, describeDestinations, describeInit, unknownOptionWarnings });
