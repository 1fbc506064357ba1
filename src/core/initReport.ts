import type { InitOptions } from './options';

/**
 * Every option `init` reads. Typed against InitOptions, so an option added there without being
 * listed here fails the type check instead of being reported to users as unknown.
 */
const OPTION_NAMES: Record<keyof InitOptions, true> = {
  dsn: true,
  tunnel: true,
  transport: true,
  spotlight: true,
  integrations: true,
  tracesSampleRate: true,
  tracesSampler: true,
  tracePropagationTargets: true,
  propagateTraceparent: true,
  release: true,
  environment: true,
  beforeSendTransaction: true,
  maxSpans: true,
  ignoreSpans: true,
  enabled: true,
  debug: true,
  otlp: true,
  resource: true,
};
const KNOWN = Object.keys(OPTION_NAMES);

/** Lower case without a plural `s`: `integration`, `Integrations` and `integrations` compare equal. */
const loose = (name: string): string => name.toLowerCase().replace(/s$/, '');

/**
 * One warning per option name `init` does not know, naming the known option it most likely meant
 * (a singular such as `integration`, or another case such as `tracessamplerate`).
 */
export function unknownOptionWarnings(options: object): string[] {
  return Object.keys(options)
    .filter((name) => !(name in OPTION_NAMES))
    .map((name) => {
      const near = KNOWN.find((known) => loose(known) === loose(name));
      return `unknown option "${name}" ignored${near ? `, did you mean "${near}"?` : ''}`;
    });
}

/** Where finished transactions go, as `debug: true` reports it after `init`. */
export function describeDestinations(
  options: InitOptions,
  envelopeEndpoint: string | undefined,
  spotlightUrl: string | undefined,
): string[] {
  const to: string[] = [];
  if (typeof options.transport === 'function') to.push('the custom transport');
  else if (envelopeEndpoint) to.push(`Sentry envelopes to ${envelopeEndpoint.split('?')[0]}`);
  if (spotlightUrl) to.push(`Spotlight at ${spotlightUrl}`);
  const otlp = options.otlp;
  const otlpUrl = typeof otlp === 'string' ? otlp : otlp?.url;
  if (otlpUrl) to.push(`OTLP/HTTP JSON to ${otlpUrl}`);
  return to;
}

/** The lines `debug: true` prints once `init` has installed everything. */
export function describeInit(options: InitOptions, destinations: string[], installed: string[]): string[] {
  const lines = [
    `initialised ${installed.length ? `with ${installed.join(', ')}` : 'without integrations: no pageload, navigation or request spans (add browserTracingIntegration())'}`,
    `transactions go to ${destinations.join(' and ') || 'nowhere'}`,
  ];
  if (options.tracesSampleRate === undefined && typeof options.tracesSampler !== 'function') {
    lines.push(
      'tracing is off: no tracesSampleRate or tracesSampler, so no transaction is sent; set tracesSampleRate (0 to 1, e.g. 1 while testing)',
    );
  }
  return lines;
}
