import { parseDsn, envelopeUrl, type Dsn } from './dsn';
import { serializeEnvelope, transactionToEvent } from './envelope';
import { IdleSpanController } from './idleSpan';
import { createLogger } from './logger';
import type { Platform } from './platform';
import { serializeDsc } from './propagation/baggage';
import { serializeSentryTrace } from './propagation/sentryTrace';
import { serializeTraceparent } from './propagation/traceparent';
import type { PropagationTarget } from './propagation/targets';
import { sample, type TracesSampler } from './sampling';
import { SpanImpl, type Transaction } from './span';
import { newTrace, type TraceState } from './trace';
import type { IdleFinishReason, IdleOptions, StartSpanOptions, TraceData, TransactionEvent } from './types';
import type { Delivery } from '../transport/queue';

export interface Integration {
  name: string;
  /** Installs the integration; returns what undoes it. */
  setup(client: Client): (() => void) | void;
}

/** SPEC §2 InitOptions. */
export interface InitOptions {
  dsn?: string;
  tunnel?: string;
  transport?: (envelope: string) => Promise<unknown>;
  spotlight?: boolean | string;
  integrations?: Integration[];
  tracesSampleRate?: number;
  tracesSampler?: TracesSampler;
  tracePropagationTargets?: PropagationTarget[];
  propagateTraceparent?: boolean;
  release?: string;
  environment?: string;
  beforeSendTransaction?: (event: TransactionEvent) => TransactionEvent | null;
  maxSpans?: number;
  enabled?: boolean;
  debug?: boolean;
}

type IdleEndingHook = (root: SpanImpl, reason: IdleFinishReason) => void;

/**
 * Holds the options, the current trace, the active span and the open idle transaction, and hands
 * finished transactions to delivery. Instrumentations get it passed in; only the public API keeps
 * a module-level reference.
 */
export class Client {
  readonly log: (message: string) => void;
  readonly dsn?: Dsn;
  readonly maxSpans: number;
  readonly tracingEnabled: boolean;
  trace: TraceState;
  /** The span made active by startSpan/startSpanManual while their callback runs. */
  active?: SpanImpl;
  idle?: IdleSpanController;
  private readonly idleEndingHooks = new Set<IdleEndingHook>();
  private nextActivity = 1;
  /** URLs of our own destinations: requests to them are never traced. */
  readonly ownUrls: string[] = [];

  constructor(
    readonly options: InitOptions,
    readonly platform: Platform,
    public delivery?: Delivery,
  ) {
    this.log = createLogger(!!options.debug);
    this.dsn = parseDsn(options.dsn);
    if (options.dsn !== undefined && !this.dsn) this.log(`invalid dsn "${String(options.dsn)}": nothing will be sent to it`);
    const max = options.maxSpans;
    this.maxSpans = typeof max === 'number' && max >= 0 ? max : 1000;
    this.tracingEnabled = options.tracesSampleRate !== undefined || typeof options.tracesSampler === 'function';
    this.trace = newTrace(platform.random);
  }

  now(): number {
    return this.platform.now();
  }

  /** The endpoint envelopes go to, from `tunnel` or `dsn`. */
  endpoint(version: string): string | undefined {
    return this.options.tunnel || (this.dsn && envelopeUrl(this.dsn, version));
  }

  onIdleEnding(hook: IdleEndingHook): () => void {
    this.idleEndingHooks.add(hook);
    return () => this.idleEndingHooks.delete(hook);
  }

  activeSpan(): SpanImpl | undefined {
    return this.active ?? (this.idle?.state === 'open' ? this.idle.root : undefined);
  }

  /** Starts a span as SPEC §2 describes `StartSpanOptions`; the caller decides whether it becomes active. */
  startSpan(options: StartSpanOptions): SpanImpl {
    const start = typeof options.startTime === 'number' ? options.startTime : this.now();
    const parent = options.parentSpan === undefined ? this.activeSpan() : (options.parentSpan as SpanImpl | null);
    const name = String(options.name);
    if (parent instanceof SpanImpl && !options.forceTransaction) {
      return new SpanImpl(this, parent.traceId, parent.sampled, name, options.op, start, parent.spanId, parent, options.attributes);
    }
    // A forced transaction stays in its parent's trace (one sampling context per trace) under the parent span.
    const forced = parent instanceof SpanImpl ? parent : undefined;
    const trace = forced?.tx.trace ?? this.trace;
    const parentSampled = forced ? forced.sampled : trace.sampled;
    const attributes = { ...options.attributes };
    const decision = this.tracingEnabled
      ? sample(
          { name, attributes, parentSampled, parentSampleRate: trace.sampleRate, sampleRand: trace.sampleRand },
          this.options,
          this.log,
        )
      : { sampled: false };
    const root = new SpanImpl(
      this,
      forced ? forced.traceId : trace.traceId,
      decision.sampled,
      name,
      options.op,
      start,
      forced ? forced.spanId : trace.parentSpanId,
      undefined,
      options.attributes,
    );
    root.tx.sampleRate = decision.sampleRate;
    root.tx.trace = trace;
    // The first root of a trace fixes the trace's decision for everything that follows in it.
    if (trace === this.trace && this.tracingEnabled) {
      trace.sampled ??= decision.sampled;
      trace.sampleRate ??= decision.sampleRate;
    }
    return root;
  }

  /** Starts an idle transaction (SPEC §3 Idle) and makes it the active one; an open one is ended `cancelled` first. */
  startIdleSpan(options: StartSpanOptions, idle: IdleOptions = {}): SpanImpl {
    this.idle?.finish('cancelled');
    const root = this.startSpan({ ...options, parentSpan: null });
    this.idle = new IdleSpanController(root, this.platform, idle, (r, reason) => {
      this.idleEndingHooks.forEach((hook) => {
        try {
          hook(r, reason);
        } catch (e) {
          this.log(`idle end hook failed: ${String(e)}`);
        }
      });
    });
    return root;
  }

  pushActivity(name: string, span?: { op?: string; name?: string }): number {
    const id = this.nextActivity++;
    const idle = this.idle;
    if (idle?.state === 'open') {
      const child = span ? this.startSpan({ name: span.name ?? name, op: span.op, parentSpan: idle.root }) : undefined;
      idle.pushActivity(id, child);
    }
    return id;
  }

  /**
   * Only the open idle transaction can hold activities: starting another ends it first, and an ended
   * one has forgotten its own (ids are never reused), so there is no owner to look up.
   */
  popActivity(id: number): void {
    this.idle?.popActivity(id);
  }

  /** The trace headers for a request made now (SPEC §4), from `span` (null: none) or the active span, else the current trace. */
  getTraceData(span: SpanImpl | null | undefined = this.activeSpan()): TraceData {
    const trace = span?.tx.trace ?? this.trace;
    const traceId = span ? span.traceId : trace.traceId;
    const spanId = span ? span.spanId : trace.spanId;
    const sampled = span ? (this.tracingEnabled || trace.sampled !== undefined ? span.sampled : undefined) : trace.sampled;
    // Our baggage members; made once per trace once its sampling context is frozen.
    let baggage = trace.baggage;
    if (baggage === undefined) {
      baggage = serializeDsc(this.getDsc(trace, span?.tx.root));
      if (trace.dsc) trace.baggage = baggage;
    }
    const data: TraceData = { 'sentry-trace': serializeSentryTrace(traceId, spanId, sampled), baggage };
    if (this.options.propagateTraceparent) data.traceparent = serializeTraceparent(traceId, spanId, sampled);
    return data;
  }

  /** The trace's dynamic sampling context, frozen the first time it is needed (SPEC §3 Pageload, §4 baggage). */
  getDsc(trace: TraceState, root?: SpanImpl): Record<string, string> {
    if (trace.dsc) return trace.dsc;
    const o = this.options;
    const dsc: Record<string, string> = { trace_id: trace.traceId };
    if (this.dsn) dsc.public_key = this.dsn.publicKey;
    if (trace.sampleRate !== undefined) dsc.sample_rate = String(trace.sampleRate);
    if (trace.sampled !== undefined) dsc.sampled = String(trace.sampled);
    dsc.sample_rand = (Math.floor(trace.sampleRand * 1e6) / 1e6).toFixed(6);
    if (o.release) dsc.release = String(o.release);
    dsc.environment = String(o.environment ?? 'production');
    if (root && root.source !== 'url') dsc.transaction = root.name;
    // Only freeze once a decision exists; before that the trace may still be sampled differently.
    if (trace.sampled !== undefined) trace.dsc = dsc;
    return dsc;
  }

  /** Set when `init` replaces this client: what it still had open is not sent, the new client takes over. */
  closed = false;

  finishTransaction(tx: Transaction): void {
    const root = tx.root;
    if (this.idle?.root === root) this.idle = undefined;
    if (this.closed) return this.log(`"${root.name}" discarded: the SDK was initialised again`);
    if (!root.sampled) return this.log(`"${root.name}" not sampled, not sent`);
    if (!this.delivery) return;
    const o = this.options;
    const event = transactionToEvent(tx, {
      release: o.release,
      environment: String(o.environment ?? 'production'),
      url: this.platform.url(),
    });
    const before = o.beforeSendTransaction;
    if (typeof before !== 'function') return this.send(tx, event);
    const sendOriginal = (e: unknown): void => {
      this.log(`beforeSendTransaction failed (${String(e)}); sending the original`);
      this.send(tx, event);
    };
    // What it returns: null drops the event, an event replaces it, anything else keeps the original.
    const sendResult = (result: unknown): void => {
      if (result === null) return this.log(`beforeSendTransaction dropped "${root.name}"`);
      const valid = !!result && typeof result === 'object' && !Array.isArray(result) && (result as TransactionEvent).type === 'transaction';
      if (!valid) this.log('beforeSendTransaction returned neither an event nor null; sending the original');
      this.send(tx, valid ? (result as TransactionEvent) : event);
    };
    let result: unknown;
    try {
      result = before(event);
    } catch (e) {
      return sendOriginal(e);
    }
    if (result && typeof (result as PromiseLike<unknown>).then === 'function')
      (result as PromiseLike<unknown>).then(sendResult, sendOriginal);
    else sendResult(result);
  }

  private send(tx: Transaction, event: TransactionEvent): void {
    try {
      this.delivery?.send(serializeEnvelope(event, this.getDsc(tx.trace ?? this.trace, tx.root), this.now()));
    } catch (e) {
      this.log(`could not serialise "${tx.root.name}": ${String(e)}`);
    }
  }
}
