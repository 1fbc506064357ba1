import { loadDeferred } from '../browser/loadDeferred';
import type { OtlpExporterModule } from './loadOtlpExporter';

/**
 * The CDN build's loader of the OTLP exporter: it comes with the deferred file (src/cdnDeferred.ts),
 * which the bundle loads after start-up anyway, so it costs nothing before `init`.
 */
export const loadOtlpExporter = (): Promise<OtlpExporterModule> => loadDeferred() as unknown as Promise<OtlpExporterModule>;
