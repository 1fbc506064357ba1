import type { Client } from './client';
import type { PropagationTarget } from './propagation/targets';
import type { TracesSampler } from './sampling';
import type { TransactionEvent } from './types';

/** Something `init` installs, such as `browserTracingIntegration()`. */
export interface Integration {
  name: string;
  /** Installs the integration; returns what undoes it. */
  setup(client: Client): (() => void) | void;
}

/** A span to leave out (docs/contract.md §2 `ignoreSpans`): a substring or RegExp of its name, or a name/op pair. */
export type IgnoreSpan = string | RegExp | { name?: string | RegExp; op?: string | RegExp };

/** Where OTLP/HTTP JSON goes (docs/contract.md §2 `otlp`, §5). */
export type OtlpOptions = string | { url: string; headers?: Record<string, string> };

/** The options of `init` (docs/contract.md §2 InitOptions). */
export interface InitOptions {
  dsn?: string;
  tunnel?: string;
  transport?: (envelope: string) => Promise<unknown>;
  spotlight?: boolean | string;
  integrations?: Integration[];
  /** 0..1; a numeric string such as `'0.5'` is read as its number. */
  tracesSampleRate?: number | string;
  tracesSampler?: TracesSampler;
  tracePropagationTargets?: PropagationTarget[];
  propagateTraceparent?: boolean;
  release?: string;
  environment?: string;
  beforeSendTransaction?: (event: TransactionEvent) => TransactionEvent | null | PromiseLike<TransactionEvent | null>;
  maxSpans?: number;
  ignoreSpans?: IgnoreSpan[];
  enabled?: boolean;
  debug?: boolean;
  otlp?: OtlpOptions;
  resource?: Record<string, string | number | boolean>;
}
