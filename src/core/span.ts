import { normalizeAttribute } from './attributes';
import { generateSpanId } from './ids';
import { serializeSentryTrace } from './propagation/sentryTrace';
import type { TraceState } from './trace';
import type { AttributeValue, Attributes, Span, SpanContext, SpanStatus, TransactionSource } from './types';

/** What a span needs from its owner: a clock and somewhere to hand a finished transaction. */
export interface SpanHost {
  now(): number;
  maxSpans: number;
  finishTransaction(tx: Transaction): void;
  /** Debug output (the client's logger); none for spans made while the SDK is not running. */
  log?(message: string): void;
}

/** Notified as a transaction's children come and go; the idle logic is one. */
export interface TransactionObserver {
  _childStarted(span: SpanImpl): void;
  _childEnded(span: SpanImpl): void;
  /**
   * Called when the root is about to end; returns the end time to use. Also called again if the root
   * is ended from inside the first call: the observer returns `endTime` then.
   */
  _rootEnding(endTime: number | undefined): number | undefined;
}

/**
 * The bookkeeping of one transaction: its recorded spans and the open ones. Everything a child's
 * start or end touches is a counter, a Set or a max, so the cost per span does not grow with the
 * number of spans already recorded (docs/architecture.md: O(1) per event on hot paths).
 */
export class Transaction {
  readonly spans: SpanImpl[] = [];
  readonly open = new Set<SpanImpl>();
  _dropped = 0;
  _lastChildEnd = 0;
  _observer?: TransactionObserver;
  measurements: Record<string, { value: number; unit: string }> = {};
  sampleRate?: number;
  /** The trace this transaction belongs to: its decision and frozen sampling context. */
  trace?: TraceState;
  /** The page URL when the transaction started: the event's `request.url` (docs/contract.md §4). */
  url?: string;

  constructor(
    readonly _host: SpanHost,
    readonly root: SpanImpl,
  ) {}

  /** Sets a measurement of the transaction (docs/contract.md §4 `measurements`); a later value replaces an earlier one. */
  setMeasurement(name: string, value: number, unit: string): void {
    this.measurements[name] = { value, unit };
  }

  add(span: SpanImpl): void {
    // A late child (the transaction is gone) or one past maxSpans is counted, not recorded.
    const late = this.root.endTime !== undefined;
    if (late || this.spans.length >= this._host.maxSpans) {
      this._dropped++;
      span._recorded = false;
    } else {
      this.spans.push(span);
    }
    if (late) return;
    this.open.add(span);
    this._observer?._childStarted(span);
  }

  _childEnded(span: SpanImpl): void {
    if (!this.open.delete(span)) return;
    if (span._recorded && span.endTime! > this._lastChildEnd) this._lastChildEnd = span.endTime!;
    this._observer?._childEnded(span);
  }
}

/** A link to a span of another trace, with what the link means in `attributes`. */
export interface SpanLink extends SpanContext {
  attributes?: Attributes;
}

/** What a span is made from; see {@link SpanImpl}. */
export interface SpanInit {
  host: SpanHost;
  traceId: string;
  sampled: boolean;
  name: string;
  op?: string | undefined;
  /** ms since the epoch. */
  startTime: number;
  parentSpanId?: string | undefined;
  /** The parent span in this transaction; none for a root span, which then owns a new Transaction. */
  parent?: SpanImpl | undefined;
  attributes?: Attributes | undefined;
  /**
   * A child that `ignoreSpans` leaves out (docs/contract.md §2): never recorded and never open in
   * its transaction, so it cannot keep an idle transaction open. It takes its parent's span id, so
   * that its own children and the trace headers it sends point at a span that is recorded.
   */
  ignored?: boolean;
}

export class SpanImpl implements Span {
  readonly spanId: string;
  readonly _tx: Transaction;
  readonly traceId: string;
  readonly sampled: boolean;
  name: string;
  readonly op: string | undefined;
  readonly startTime: number;
  readonly parentSpanId: string | undefined;
  attributes: Attributes = {};
  status?: SpanStatus;
  endTime?: number;
  source: TransactionSource = 'custom';
  /** False for spans past `maxSpans` or started after their transaction ended. */
  _recorded = true;
  /** Spans of other traces this one points to (docs/contract.md §3 Linked traces). */
  links?: SpanLink[];

  constructor(init: SpanInit) {
    this.traceId = init.traceId;
    this.sampled = init.sampled;
    this.name = init.name;
    this.op = init.op;
    this.startTime = init.startTime;
    this.parentSpanId = init.parentSpanId;
    this.spanId = init.ignored && init.parent ? init.parent.spanId : generateSpanId();
    if (init.parent) {
      this._tx = init.parent._tx;
      if (init.ignored) this._recorded = false;
      else this._tx.add(this);
    } else {
      this._tx = new Transaction(init.host, this);
    }
    if (init.attributes) this.setAttributes(init.attributes);
  }

  get _isRoot(): boolean {
    return this._tx.root === this;
  }

  spanContext(): SpanContext {
    return { traceId: this.traceId, spanId: this.spanId, sampled: this.sampled };
  }

  /**
   * Sets or (with `undefined`) removes an attribute. A value that is not a valid attribute (an
   * object, a cycle, a function, a BigInt) is recorded as a bounded string form with a debug line
   * (docs/contract.md §2), so that it can never make the transaction unserialisable.
   */
  setAttribute(key: string, value: AttributeValue | undefined): this {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') this.attributes[key] = value;
    else if (value === undefined) delete this.attributes[key];
    else this._setOther(key, value);
    return this;
  }

  setAttributes(attributes: Record<string, AttributeValue | undefined>): this {
    try {
      for (const key in attributes) {
        let value: unknown;
        try {
          value = attributes[key];
        } catch (e) {
          this._tx._host.log?.(`attribute "${key}" could not be read (${String(e)}); left out`);
          continue;
        }
        this.setAttribute(key, value as AttributeValue);
      }
    } catch (e) {
      // A Proxy whose keys cannot be listed.
      this._tx._host.log?.(`attributes could not be read (${String(e)})`);
    }
    return this;
  }

  private _setOther(key: unknown, value: unknown): void {
    const log = this._tx._host.log;
    try {
      const name = String(key);
      this.attributes[name] = normalizeAttribute(value, (form) =>
        log?.(`attribute "${name}" is not a string, number, boolean or an array of them; recorded as ${form}`),
      )!;
    } catch (e) {
      log?.(`attribute left out: ${String(e)}`);
    }
  }

  setStatus(status: SpanStatus): this {
    this.status = status;
    return this;
  }

  updateName(name: string, source?: TransactionSource): this {
    this.name = name;
    if (source) this.source = source;
    return this;
  }

  end(endTime?: number): void {
    if (this.endTime !== undefined) return;
    const tx = this._tx;
    if (this._isRoot) {
      const t = tx._observer ? tx._observer._rootEnding(endTime) : endTime;
      if (this.endTime !== undefined) return;
      this.endTime = t ?? tx._host.now();
      tx._host.finishTransaction(tx);
    } else {
      this.endTime = endTime ?? tx._host.now();
      tx._childEnded(this);
    }
  }

  isRecording(): boolean {
    return this.sampled && this._recorded && this.endTime === undefined;
  }

  _addLink(link: SpanLink): this {
    (this.links ??= []).push(link);
    return this;
  }

  toSentryTrace(): string {
    return serializeSentryTrace(this.traceId, this.spanId, this.sampled);
  }
}
