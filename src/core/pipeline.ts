import type { TransactionEvent } from './types';

/**
 * The path a finished transaction takes, as in OpenTelemetry's SDK (span → processor → exporter):
 * the client ends the span tree, turns it into an event and runs the user's `beforeSendTransaction`
 * once; every configured {@link Exporter} then writes the result in its own wire format and hands
 * the body to a {@link Delivery}. Core defines both interfaces; `src/transport/` implements delivery,
 * so no import points upward.
 */

/** A finished transaction after the user's hooks, as every exporter receives it. */
export interface FinishedTransaction {
  /** The transaction event (docs/contract.md §4), as `beforeSendTransaction` left it. */
  event: TransactionEvent;
  /** The trace's frozen dynamic sampling context (the envelope header's `trace`). */
  dsc: Record<string, string>;
  /** The W3C `tracestate` of a continued trace (docs/contract.md §3 tracestate). */
  traceState?: string;
  /** True when the root's parent came from another process (a continued trace), not from a span of this page. */
  remoteParent?: boolean;
}

/** Writes finished transactions in one wire format and hands them to its delivery. */
export interface Exporter {
  export(transaction: FinishedTransaction): void;
  /** Resolves true once everything handed over so far was sent, false if `timeoutMs` passed first. */
  flush(timeoutMs?: number): Promise<boolean>;
  /**
   * Sends what waits now: after a backoff when the browser came back online; only what waits for a
   * delivery queue still loading when `leaving` (the page is being hidden or left), since a retried
   * body that the unload cut off from its answer has often reached its endpoint already.
   */
  retryNow(leaving?: boolean): void;
}

/** Carries serialised bodies to one destination: queueing, retries and rate limits are its business. */
export interface Delivery {
  send(body: string): void;
  flush(timeoutMs?: number): Promise<boolean>;
  retryNow(leaving?: boolean): void;
}

/** Resolves true when every one of `flushes` did. */
export const flushAll = (flushes: Promise<boolean>[]): Promise<boolean> => Promise.all(flushes).then((r) => r.every(Boolean));

/** One Delivery over several destinations, each with its own queue: every body goes to each. */
export function fanOut(deliveries: Delivery[]): Delivery {
  if (deliveries.length === 1) return deliveries[0]!;
  return {
    send: (body) => deliveries.forEach((d) => d.send(body)),
    flush: (timeoutMs) => flushAll(deliveries.map((d) => d.flush(timeoutMs))),
    retryNow: (leaving) => deliveries.forEach((d) => d.retryNow(leaving)),
  };
}

/**
 * An exporter whose code is loaded on first need (a dynamic `import()`, so that apps which do not
 * use it do not ship it). What is exported before it has loaded waits, in order, and goes out once
 * it has; a load that fails is logged once and what waited is dropped.
 */
export function lazyExporter(load: () => Promise<Exporter>, log: (message: string) => void): Exporter {
  let loaded: Exporter | undefined;
  let waiting: FinishedTransaction[] | undefined = [];
  const ready = load().then(
    (exporter) => {
      loaded = exporter;
      const queued = waiting ?? [];
      waiting = undefined;
      queued.forEach((t) => exporter.export(t));
      return exporter;
    },
    (e: unknown) => {
      log(`an exporter failed to load (${String(e)}); its transactions are dropped`);
      waiting = undefined;
      return undefined;
    },
  );
  return {
    export(t) {
      if (loaded) loaded.export(t);
      else waiting?.push(t);
    },
    flush: (timeoutMs) => ready.then((e) => e?.flush(timeoutMs) ?? true),
    retryNow: (leaving) => loaded?.retryNow(leaving),
  };
}
