import { parseDsn, type Dsn } from './dsn';
import { transactionToEvent } from './envelope';
import { IdleSpanController, type IdleSettings } from './idleSpan';
import { createSpanFilter } from './ignoreSpans';
import { createLogger } from './logger';
import type { InitOptions } from './options';
import { flushAll, type Exporter, type FinishedTransaction } from './pipeline';
import type { Platform } from './platform';
import { serializeDsc } from './propagation/baggage';
import { serializeSentryTrace } from './propagation/sentryTrace';
import { serializeTraceparent } from './propagation/traceparent';
import { readRate, sample } from './sampling';
import { SpanImpl, type Transaction } from './span';
import { newTrace, type TraceState } from './trace';
import type { IdleFinishReason, Span, StartSpanOptions, TraceData, TransactionEvent, TransactionSource } from './types';

export type { InitOptions, Integration } from './options';

/** What router hooks drive through the public API; browserTracingIntegration provides it. */
export interface RouteControl {
  /** Starts a `navigation` transaction in a new trace; an open pageload or navigation ends `cancelled` first. */
  startNavigation(options: StartSpanOptions, source?: TransactionSource): Span;
  /** The pageload transaction while it is open. */
  pageload(): Span | undefined;
  /** While claimed, history changes start no navigation by themselves (the router does). Returns the release. */
  claim(): () => void;
  /** Ends the pageload now when `enableReportPageLoaded` is set; otherwise does nothing (docs/contract.md §3 Manual pageload end). */
  reportPageLoaded(): void;
}

type IdleEndingHook = (root: SpanImpl, reason: IdleFinishReason) => void;

/**
 * The running SDK, as `init` made it: holds the options, the current trace, the active span and
 * the open idle transaction, and hands finished transactions to delivery. Integrations get it in
 * `setup`; a custom integration typically reads `options`, logs with `log` (silent unless
 * `debug: true`) and hooks the end of idle transactions with `onIdleEnding`.
 */
export class Client {
  readonly log: (message: string) => void;
  readonly dsn?: Dsn;
  readonly maxSpans: number;
  readonly tracingEnabled: boolean;
  /** The trace new transactions join and requests carry when no span is active. */
  private _trace: TraceState;
  /** The span made active by startSpan/startSpanManual while their callback runs. */
  private _active?: SpanImpl;
  private _idle?: IdleSpanController;
  private readonly _idleEndingHooks = new Set<IdleEndingHook>();
  private _nextActivity = 1;
  private _routes?: RouteControl;
  /** Set by {@link close}: what this client still had open is not sent. */
  private _closed = false;
  /** URLs of our own destinations: requests to them are never traced. */
  readonly ownUrls: string[] = [];
  /** `ignoreSpans` as a test; undefined when it is empty, so child spans cost nothing more then. */
  private readonly _ignored?: (name: string, op: string | undefined) => boolean;
  /** Where finished transactions go, in order (docs/architecture.md: the pipeline). */
  private readonly _exporters: Exporter[];

  constructor(
    readonly options: InitOptions,
    readonly platform: Platform,
    exporters: Exporter[] = [],
  ) {
    this._exporters = exporters;
    this.log = createLogger(!!options.debug);
    // A numeric string such as '0.5' is read as its number (docs/contract.md §2 tracesSampleRate).
    if (typeof options.tracesSampleRate === 'string') this.options = { ...options, tracesSampleRate: readRate(options.tracesSampleRate) };
    this._ignored = createSpanFilter(options.ignoreSpans, this.log);
    this.dsn = parseDsn(options.dsn);
    // Not String(dsn): an object without a prototype has no toString, and init must not fail over a log line.
    const given = typeof options.dsn === 'string' ? options.dsn : typeof options.dsn;
    if (options.dsn !== undefined && !this.dsn) this.log(`invalid dsn "${given}": nothing will be sent to it`);
    const max = options.maxSpans;
    this.maxSpans = typeof max === 'number' && max >= 0 ? max : 1000;
    this.tracingEnabled = options.tracesSampleRate !== undefined || typeof options.tracesSampler === 'function';
    this._trace = newTrace(platform.random);
  }

  now(): number {
    return this.platform.now();
  }

  onIdleEnding(hook: IdleEndingHook): () => void {
    this._idleEndingHooks.add(hook);
    return () => this._idleEndingHooks.delete(hook);
  }

  activeSpan(): SpanImpl | undefined {
    return this._active ?? this.openIdleRoot();
  }

  /** Runs `fn` with `span` as the active span, then restores the previous one. */
  withActiveSpan<T>(span: SpanImpl, fn: () => T): T {
    const previous = this._active;
    this._active = span;
    try {
      return fn();
    } finally {
      this._active = previous;
    }
  }

  /** The trace new transactions join and requests carry when no span is active. */
  currentTrace(): TraceState {
    return this._trace;
  }

  /** Makes `trace` current: a continued trace from the server, or a new one for a navigation. */
  setTrace(trace: TraceState): void {
    this._trace = trace;
  }

  /** Runs `fn` inside `trace`, then restores the previous trace. */
  withTrace<T>(trace: TraceState, fn: () => T): T {
    const previous = this._trace;
    this._trace = trace;
    try {
      return fn();
    } finally {
      this._trace = previous;
    }
  }

  /** The root of the idle transaction (pageload, navigation, startIdleSpan) while it is open. */
  openIdleRoot(): SpanImpl | undefined {
    return this._idle?.state === 'open' ? this._idle.root : undefined;
  }

  /** Ends the open idle transaction, if any, for `reason` (docs/contract.md §3 Idle). */
  finishIdle(reason: IdleFinishReason, endTime?: number): void {
    this._idle?.finish(reason, endTime);
  }

  /** Registers what router hooks drive (one per client); returns the undo. */
  setRouteControl(control: RouteControl): () => void {
    this._routes = control;
    return () => {
      if (this._routes === control) this._routes = undefined;
    };
  }

  routeControl(): RouteControl | undefined {
    return this._routes;
  }

  /** Replaced by a new `init`: the open transaction is cancelled and nothing more is sent. */
  close(): void {
    this._closed = true;
    this.finishIdle('cancelled');
  }

  /** Resolves true once every exporter sent what it was given, false if `timeoutMs` (default 2000) passed first. */
  flush(timeoutMs?: number): Promise<boolean> {
    return flushAll(this._exporters.map((e) => e.flush(timeoutMs)));
  }

  /** Sends what waits now: retries once back online; with `leaving` (page hidden or left) only what waits for a delivery queue still loading. */
  retryNow(leaving = false): void {
    this._exporters.forEach((e) => e.retryNow(leaving));
  }

  /** Whether anything is configured to receive transactions. */
  hasExporters(): boolean {
    return this._exporters.length > 0;
  }

  /** Starts a span from its `StartSpanOptions` (docs/contract.md §2); the caller decides whether it becomes active. */
  startSpan(options: StartSpanOptions): SpanImpl {
    const start = typeof options.startTime === 'number' ? options.startTime : this.now();
    const parent = options.parentSpan === undefined ? this.activeSpan() : (options.parentSpan as SpanImpl | null);
    const name = String(options.name);
    if (parent instanceof SpanImpl && !options.forceTransaction) {
      const ignored = this._ignored?.(name, options.op);
      if (ignored) this.log(`span "${name}" matches ignoreSpans: not recorded`);
      return new SpanImpl({
        ignored,
        host: this,
        traceId: parent.traceId,
        sampled: parent.sampled,
        name,
        op: options.op,
        startTime: start,
        parentSpanId: parent.spanId,
        parent,
        attributes: options.attributes,
      });
    }
    // A forced transaction stays in its parent's trace (one sampling context per trace) under the parent span.
    const forced = parent instanceof SpanImpl ? parent : undefined;
    const trace = forced?._tx.trace ?? this._trace;
    const parentSampled = forced ? forced.sampled : trace.sampled;
    const attributes = { ...options.attributes };
    const decision = this.tracingEnabled
      ? sample(
          { name, attributes, parentSampled, parentSampleRate: trace.sampleRate, sampleRand: trace.sampleRand },
          this.options,
          this.log,
        )
      : { sampled: false };
    const root = new SpanImpl({
      host: this,
      traceId: forced ? forced.traceId : trace.traceId,
      sampled: decision.sampled,
      name,
      op: options.op,
      startTime: start,
      parentSpanId: forced ? forced.spanId : trace.parentSpanId,
      attributes: options.attributes,
    });
    root._tx.sampleRate = decision.sampleRate;
    root._tx.trace = trace;
    root._tx.url = this.platform.url();
    // The first root of a trace fixes the trace's decision for everything that follows in it.
    if (trace === this._trace && this.tracingEnabled) {
      trace.sampled ??= decision.sampled;
      trace.sampleRate ??= decision.sampleRate;
    }
    return root;
  }

  /** Starts an idle transaction (docs/contract.md §3 Idle) and makes it the active one; an open one is ended `cancelled` first. */
  startIdleSpan(options: StartSpanOptions, idle: IdleSettings = {}): SpanImpl {
    this._idle?.finish('cancelled');
    const root = this.startSpan({ ...options, parentSpan: null });
    this._idle = new IdleSpanController(root, this.platform, idle, (r, reason) => {
      this._idleEndingHooks.forEach((hook) => {
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
    const id = this._nextActivity++;
    const idle = this._idle;
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
    this._idle?.popActivity(id);
  }

  /** The trace headers for a request made now (docs/contract.md §4), from `span` (null: none) or the active span, else the current trace. */
  getTraceData(span: SpanImpl | null | undefined = this.activeSpan()): TraceData {
    const trace = span?._tx.trace ?? this._trace;
    const traceId = span ? span.traceId : trace.traceId;
    const spanId = span ? span.spanId : trace.spanId;
    const sampled = span ? (this.tracingEnabled || trace.sampled !== undefined ? span.sampled : undefined) : trace.sampled;
    // Our baggage members; made once per trace once its sampling context is frozen.
    let baggage = trace.baggage;
    if (baggage === undefined) {
      baggage = serializeDsc(this.getDsc(trace, span?._tx.root));
      if (trace.dsc) trace.baggage = baggage;
    }
    const data: TraceData = { 'sentry-trace': serializeSentryTrace(traceId, spanId, sampled), baggage };
    if (this.options.propagateTraceparent) {
      data.traceparent = serializeTraceparent(traceId, spanId, sampled);
      if (trace.tracestate) data.tracestate = trace.tracestate;
    }
    return data;
  }

  /** The trace's dynamic sampling context, frozen the first time it is needed (docs/contract.md §3 Pageload, §4 baggage). */
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

  /**
   * The processor step of the pipeline: a finished transaction becomes an event, passes the user's
   * `beforeSendTransaction` once, and goes to every exporter.
   */
  finishTransaction(tx: Transaction): void {
    const root = tx.root;
    if (this._idle?.root === root) this._idle = undefined;
    if (this._closed) return this.log(`"${root.name}" discarded: the SDK was initialised again`);
    if (!root.sampled) {
      const hint = this.tracingEnabled ? '' : ' (tracing is off: set tracesSampleRate or tracesSampler)';
      return this.log(`"${root.name}" not sampled, not sent${hint}`);
    }
    if (!this._exporters.length) return;
    const o = this.options;
    const event = transactionToEvent(tx, {
      release: o.release,
      environment: String(o.environment ?? 'production'),
      url: tx.url ?? this.platform.url(),
      userAgent: this.platform.userAgent,
    });
    const before = o.beforeSendTransaction;
    if (typeof before !== 'function') return this._export(tx, event);
    const sendOriginal = (e: unknown): void => {
      this.log(`beforeSendTransaction failed (${String(e)}); sending the original`);
      this._export(tx, event);
    };
    // What it returns: null drops the event, an event replaces it, anything else keeps the original.
    const sendResult = (result: unknown): void => {
      if (result === null) return this.log(`beforeSendTransaction dropped "${root.name}"`);
      const valid = !!result && typeof result === 'object' && !Array.isArray(result) && (result as TransactionEvent).type === 'transaction';
      if (!valid) this.log('beforeSendTransaction returned neither an event nor null; sending the original');
      this._export(tx, valid ? (result as TransactionEvent) : event);
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

  private _export(tx: Transaction, event: TransactionEvent): void {
    const trace = tx.trace ?? this._trace;
    const finished: FinishedTransaction = {
      event,
      dsc: this.getDsc(trace, tx.root),
      traceState: trace.tracestate,
      // A root under the trace's incoming parent continues another process; a forced one sits under a span of ours.
      remoteParent: tx.root.parentSpanId !== undefined && tx.root.parentSpanId === trace.parentSpanId,
    };
    for (const exporter of this._exporters) {
      try {
        exporter.export(finished);
      } catch (e) {
        this.log(`exporting "${tx.root.name}" failed: ${String(e)}`);
      }
    }
  }
}
