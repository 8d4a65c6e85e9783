// The lifecycle verbs every resource implements, on plain typed requests and results. The front doors (the dynamic
// runtime and the gRPC plugin) only translate their wire forms to and from these; no behaviour lives there.
import type { SyncClient } from "../client/sync-client";
import type { CheckedOf, InputsOf, OutputsOf, ResourceModel } from "../model/define";

export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckRequest {
  olds: Record<string, unknown>;
  /** As declared; values not known yet (preview) are the engine's UNKNOWN marker. */
  news: Record<string, unknown>;
}

/** `inputs` with every default filled in; when `failures` is empty they are the model's Checked inputs. */
export interface CheckResult<I> {
  inputs: I;
  failures: CheckFailure[];
}

export interface DiffRequest<I, O> {
  id: string;
  olds: O;
  news: I;
}

export interface DiffResult {
  /** Properties whose change replaces the resource. */
  replaces: string[];
  /** Properties updated in place. */
  updates: string[];
  /** Outputs an update leaves as they are. */
  stables: string[];
}

export interface StepRequest {
  /** Aborted by Cancel or the step's timeout: no API call starts after it (see client/http.ts). */
  signal?: AbortSignal;
}

export interface CreateRequest<I> extends StepRequest {
  inputs: I;
  /** Preview: what the outputs will be, with UNKNOWN for what only the API can tell; no API call is made. */
  preview?: boolean;
}

export interface CreateResult<O> {
  /** Empty in a preview. */
  id: string;
  outputs: O;
}

export interface ReadRequest<O> extends StepRequest {
  id: string;
  /** The recorded outputs; empty on import, where the id alone is known. */
  state: Partial<O>;
}

/** Undefined when the resource is gone. */
export type ReadResult<I, O> = { id: string; outputs: O; inputs: I } | undefined;

export interface UpdateRequest<I, O> extends StepRequest {
  id: string;
  olds: O;
  news: I;
  preview?: boolean;
}

export interface UpdateResult<O> {
  outputs: O;
}

export interface DeleteRequest<O> extends StepRequest {
  id: string;
  olds: Partial<O>;
}

/** A resource's verbs; `I`: its checked inputs, `O`: its outputs, `D`: its inputs as declared (what read reports). */
export interface Lifecycle<M extends ResourceModel = ResourceModel, I = CheckedOf<M>, O = OutputsOf<M>, D = InputsOf<M>> {
  readonly model: M;
  check(req: CheckRequest): Promise<CheckResult<I>>;
  diff(req: DiffRequest<I, O>): DiffResult;
  create(req: CreateRequest<I>): Promise<CreateResult<O>>;
  read(req: ReadRequest<O>): Promise<ReadResult<D, O>>;
  update(req: UpdateRequest<I, O>): Promise<UpdateResult<O>>;
  delete(req: DeleteRequest<O>): Promise<void>;
}

/** A lifecycle as a front door holds it: plain values from the wire go in (check gave them their shape). */
export type AnyLifecycle = Lifecycle<ResourceModel, any, any, any>;

/** What a lifecycle is made with: the client and the stack's settings, each read at its use, because `configure`
 * may arrive after the lifecycle is made. */
export interface Context {
  /** The provider's client; with `signal`, every call it makes stops when the signal aborts. */
  client(signal?: AbortSignal): SyncClient;
  /** How often a run is polled while waiting for it. */
  runPollMs: number;
  /** `itwin:allowUnknownConnectorTypes`. */
  allowUnknownConnectorTypes(): boolean;
  /** `itwin:adoptOnConflict` is `exact`. */
  adoptIdenticalOnConflict(): boolean;
}

/**
 * Raised when the resource exists but a later step failed. Both front doors turn it into the engine's
 * ErrorResourceInitFailed, so the engine keeps the resource, with these outputs, in state.
 */
export class ResourceInitError extends Error {
  /** What the engine shows the user: it prints the reasons, not the message, so the one reason is the whole message. */
  readonly reasons: string[];

  constructor(
    message: string,
    readonly id: string,
    readonly properties: Record<string, unknown>,
    cause?: unknown,
  ) {
    super(message, { cause });
    this.name = "ResourceInitError";
    this.reasons = [message];
  }
}
