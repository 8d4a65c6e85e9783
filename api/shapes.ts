// Shape guards for the API's answers, one per response type of ./types: the client checks every answer against
// one before anything reads it, so a sign-in page, a proxy's `{}` or an empty body fails the step instead of
// reading as "no connections" (or as undefined). Each guard checks the fields the provider and lookups read.
import type { ConfigurationResponse } from "./configurations";
import type {
  ApiErrorBody,
  AuthorizationInformationResponse,
  Connection,
  ConnectionListResponse,
  ConnectionResponse,
  ConnectionSummary,
  ConnectionOfAnyKind,
  IModel,
  IModelResponse,
  Link,
  ManifestSourceFileResponse,
  ManifestRunTask,
  ManifestSourceFileListResponse,
  PageLinks,
  Run,
  RunJob,
  RunListResponse,
  RunResponse,
  RunState,
  RunSummary,
  RunTaskBase,
  SourceFile,
  SourceFileListResponse,
  SourceFileResponse,
  StorageRunTask,
  TokenResponse,
} from "./types";

/** A guard, named after the response type it accepts (error messages say what was expected). */
export interface Shape<T> {
  readonly name: string;
  test(value: unknown): value is T;
}

type Guard<T> = (value: unknown) => value is T;

const isString: Guard<string> = (v): v is string => typeof v === "string";
const isNumber: Guard<number> = (v): v is number => typeof v === "number";

function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (v): v is T | undefined => v === undefined || v === null || guard(v);
}

function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (v): v is T[] => Array.isArray(v) && v.every(guard);
}

/** An object whose listed fields pass their guards (other fields are not looked at). */
function record<T>(fields: { [K in keyof T]?: Guard<T[K]> }): Guard<T> {
  return (v): v is T =>
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    Object.entries(fields).every(([key, guard]) => (guard as Guard<unknown>)((v as Record<string, unknown>)[key]));
}

function shape<T>(name: string, guard: Guard<T>): Shape<T> {
  return { name, test: guard };
}

const link = record<Link>({ href: isString });
const pageLinks = optional(record<PageLinks>({ next: optional(link) }));

const connection = record<Connection>({
  id: isString,
  displayName: isString,
  iModelId: isString,
  iTwinId: isString,
  authenticationType: isString as Guard<Connection["authenticationType"]>,
  _links: record<Connection["_links"]>({ iModel: link, iTwin: link, lastRun: optional(link) }),
});
const connectionSummary = record<ConnectionSummary>({ id: isString, displayName: isString });
const sourceFile = record<SourceFile>({ id: isString, storageFileId: isString, connectorType: isString });
function run<Task extends RunTaskBase>(task: Guard<Task>): Guard<Run<Task>> {
  return record<Run<Task>>({
    id: isString,
    state: isString as Guard<RunState>,
    jobs: arrayOf(record<RunJob<Task>>({ id: isString, connectorType: isString, state: isString as Guard<RunState>, tasks: arrayOf(task) })),
  });
}
const storageRunTask = record<StorageRunTask>({ id: isString, state: isString as Guard<RunState>, storageFileId: optional(isString) as Guard<string> });
const manifestRunTask = record<ManifestRunTask>({ id: isString, state: isString as Guard<RunState>, sourceFileId: optional(isString) as Guard<string> });
const runSummary = record<RunSummary>({ id: isString, state: isString as Guard<RunState> });

export const connectionResponse = shape("ConnectionResponse", record<ConnectionResponse>({ connection }));
export const connectionListResponse = shape(
  "ConnectionListResponse",
  record<ConnectionListResponse>({ connections: arrayOf(connectionSummary), _links: pageLinks as Guard<PageLinks> }),
);
export const sourceFileResponse = shape("SourceFileResponse", record<SourceFileResponse>({ sourceFile }));
export const sourceFileListResponse = shape(
  "SourceFileListResponse",
  record<SourceFileListResponse<SourceFile>>({ sourceFiles: arrayOf(sourceFile), _links: pageLinks as Guard<PageLinks> }),
);
export const manifestSourceFileListResponse = shape(
  "ManifestSourceFileListResponse",
  record<ManifestSourceFileListResponse>({
    sourceFiles: arrayOf(record({ id: isString, sourceFileId: isString })),
    _links: pageLinks as Guard<PageLinks>,
  }),
);
export const storageRunResponse = shape("RunResponse", record<RunResponse<StorageRunTask>>({ run: run(storageRunTask) }));
export const manifestRunResponse = shape("RunResponse", record<RunResponse<ManifestRunTask>>({ run: run(manifestRunTask) }));
export const runListResponse = shape(
  "RunListResponse",
  record<RunListResponse<RunSummary>>({ runs: arrayOf(runSummary), _links: pageLinks as Guard<PageLinks> }),
);
export const iModelResponse = shape(
  "IModelResponse",
  record<IModelResponse>({
    iModel: record<IModelResponse["iModel"]>({ id: isString, name: isString, iTwinId: isString, state: isString as Guard<IModelResponse["iModel"]["state"]> }),
  }),
);
export const iModelListResponse = shape(
  "IModelListResponse",
  record<{ iModels: IModel[]; _links: PageLinks }>({
    iModels: arrayOf(record<IModel>({ id: isString, name: isString, iTwinId: isString })),
    _links: pageLinks as Guard<PageLinks>,
  }),
);
export const manifestSourceFileResponse = shape(
  "ManifestSourceFileResponse",
  record<ManifestSourceFileResponse>({ sourceFile: record({ id: isString, sourceFileId: isString }) }),
);
/** Get Connections (every kind), `Prefer: return=representation`. */
export const anyConnectionListResponse = shape(
  "ConnectionListResponse",
  record<ConnectionListResponse<ConnectionOfAnyKind>>({
    connections: arrayOf(record<ConnectionOfAnyKind>({ id: isString, displayName: isString, iModelId: isString })),
    _links: pageLinks as Guard<PageLinks>,
  }),
);
const settings = (v: unknown): v is Record<string, boolean | number> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "boolean" || typeof x === "number");
export const configurationResponse = shape(
  "ConfigurationResponse",
  record<ConfigurationResponse>({
    configuration: record<ConfigurationResponse["configuration"]>({ scopeId: isString, settings, resolvedSettings: settings }),
  }),
);
export const authorizationInformationResponse = shape(
  "AuthorizationInformationResponse",
  record<AuthorizationInformationResponse>({
    authorizationInformation: record<AuthorizationInformationResponse["authorizationInformation"]>({
      isUserAuthorized: (v): v is boolean => typeof v === "boolean",
      _links: record<AuthorizationInformationResponse["authorizationInformation"]["_links"]>({ authorizationUrl: link }),
    }),
  }),
);
/** An error answer: only a body of this shape is the API speaking (e.g. its 404 `StorageConnectionNotFound`). */
export const apiErrorBody = shape(
  "ApiErrorBody",
  record<ApiErrorBody>({ error: record<ApiErrorBody["error"]>({ code: isString, message: isString }) }),
);
export const tokenResponse = shape(
  "TokenResponse",
  record<TokenResponse>({ access_token: isString, expires_in: optional(isNumber) as Guard<number> }),
);
