import type { QueueModule } from './transport/lateDelivery';

/**
 * The code `init` loads later, each only when needed (docs/architecture.md, "What loads when"). In the
 * npm build each is a dynamic `import()` that bundlers split into a chunk of its own; the CDN build
 * replaces this module with loadersCdn.ts, which takes them from the CDN's other files (rollup.config.mjs).
 */

/** The OTLP exporter, only when `otlp` is set. */
export const loadOtlpExporter = (): Promise<OtlpExporterModule> => import('./exporters/otlpExporter');
export type OtlpExporterModule = Pick<typeof import('./exporters/otlpExporter'), 'createOtlpExporter'>;

/** The delivery queue (retries, backoff, rate limits), after start-up or at the first send. */
export const loadQueue = (): Promise<QueueModule> => import('./transport/queue');

/** What `debug: true` reports about `init`. */
export const loadInitReport = (): Promise<InitReportModule> => import('./core/initReport');

export type { QueueModule };
export type InitReportModule = Pick<typeof import('./core/initReport'), 'unknownOptionWarnings' | 'describeDestinations' | 'describeInit'>;
