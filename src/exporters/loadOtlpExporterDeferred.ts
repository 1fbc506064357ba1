import { loadDeferred } from '../browser/loadDeferred';
import type { OtlpExporterModule } from './loadOtlpExporter';

/**
 * The CDN build's loader of the OTLP exporter: it travels in the deferred file (src/cdnDeferred.ts),
 * so the bundle that runs before `init` returns does not carry it. Rejects when that file cannot load.
 */
export const loadOtlpExporter = (): Promise<OtlpExporterModule> => loadDeferred() as Promise<unknown> as Promise<OtlpExporterModule>;
