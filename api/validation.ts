// The create/update rules behind the API's 422 answers. The emulator turns the problems into `details`; the
// provider's `check` turns them into property failures before any request is sent.
import { AUTHENTICATION_TYPES, CONNECTOR_TYPES, DETAIL, isGuid } from "./contract";
import type { ErrorDetail } from "./types";

/** A rule broken at `path` (e.g. `sourceFiles[2].connectorType`), with the API's own detail for it. */
export interface Problem {
  path: string;
  detail: ErrorDetail;
}

/** Storage file ids are opaque base64url-like strings (GUIDs also fit). */
const STORAGE_FILE_ID_PATTERN = /^[A-Za-z0-9_-]+$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isConnectorType(value: unknown): boolean {
  return typeof value === "string" && (CONNECTOR_TYPES as readonly string[]).includes(value);
}

/** Rules for one `{storageFileId, connectorType}`; `at` prefixes the paths. */
export function sourceFileProblems(file: unknown, at = ""): Problem[] {
  const problems: Problem[] = [];
  const entry = isObject(file) ? file : {};
  if (entry.storageFileId === undefined || entry.storageFileId === null || entry.storageFileId === "") {
    problems.push({ path: `${at}storageFileId`, detail: DETAIL.missingStorageFileId });
  } else if (typeof entry.storageFileId !== "string" || !STORAGE_FILE_ID_PATTERN.test(entry.storageFileId)) {
    problems.push({ path: `${at}storageFileId`, detail: DETAIL.invalidStorageFileId });
  }
  if (entry.connectorType === undefined || entry.connectorType === null || entry.connectorType === "") {
    problems.push({ path: `${at}connectorType`, detail: DETAIL.missingConnectorType });
  } else if (!isConnectorType(entry.connectorType)) {
    problems.push({ path: `${at}connectorType`, detail: DETAIL.invalidConnectorType });
  }
  return problems;
}

/** Rules for the fields PUT may change. */
export function updateProblems(body: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  if (body.displayName !== undefined && typeof body.displayName !== "string") {
    problems.push({ path: "displayName", detail: DETAIL.invalidDisplayName });
  }
  if (
    body.authenticationType !== undefined &&
    !(AUTHENTICATION_TYPES as readonly unknown[]).includes(body.authenticationType)
  ) {
    problems.push({ path: "authenticationType", detail: DETAIL.invalidAuthenticationType });
  }
  return problems;
}

/** Rules for `POST /imodels/storageconnections`, in the order the reference page lists its details. */
export function createProblems(body: unknown): Problem[] {
  if (!isObject(body)) {
    return [{ path: "", detail: DETAIL.malformedJson }];
  }
  const problems: Problem[] = [];
  const files = body.sourceFiles;
  if (files === undefined || files === null || !Array.isArray(files)) {
    problems.push({ path: "sourceFiles", detail: DETAIL.missingSourceFiles });
  } else if (files.length === 0) {
    problems.push({ path: "sourceFiles", detail: DETAIL.emptySourceFiles });
  } else {
    files.forEach((file, i) => problems.push(...sourceFileProblems(file, `sourceFiles[${i}].`)));
  }
  if (body.iModelId === undefined || body.iModelId === null || body.iModelId === "") {
    problems.push({ path: "iModelId", detail: DETAIL.missingIModelId });
  } else if (!isGuid(body.iModelId)) {
    problems.push({ path: "iModelId", detail: DETAIL.invalidIModelId });
  }
  problems.push(...updateProblems(body));
  return problems;
}

/** Rules for the iModels API's `POST /imodels` (an empty iModel). */
export function createIModelProblems(body: Record<string, unknown>): Problem[] {
  const missing = (value: unknown) => value === undefined || value === null || value === "";
  const problems: Problem[] = [];
  if (missing(body.iTwinId)) problems.push({ path: "iTwinId", detail: DETAIL.missingITwinId });
  else if (!isGuid(body.iTwinId)) problems.push({ path: "iTwinId", detail: DETAIL.invalidITwinId });
  if (missing(body.name)) problems.push({ path: "name", detail: DETAIL.missingName });
  else if (typeof body.name !== "string") problems.push({ path: "name", detail: DETAIL.invalidName });
  if (!missing(body.description) && typeof body.description !== "string") {
    problems.push({ path: "description", detail: DETAIL.invalidDescription });
  }
  return problems;
}
