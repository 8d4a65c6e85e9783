// The create/update rules behind the API's 422 answers. The emulator turns the problems into `details`; the
// provider's `check` turns them into property failures before any request is sent.
import { CONFIGURATION_SCOPES, type ConfigurationScope, type SettingSpec } from "./configurations";
import {
  AUTHENTICATION_TYPES,
  CONNECTOR_TYPES,
  DETAIL,
  IMODEL_CREATION_MODES,
  MAX_CONTAINERS_ENABLED,
  invalidSettingDetail,
  isGuid,
  unknownSettingDetail,
} from "./contract";
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
  return connectionCreateProblems(body, sourceFileProblems);
}

/** Rules for `POST /imodels/manifestconnections`: the storage create's, with the manifest's source files. */
export function createManifestProblems(body: unknown): Problem[] {
  return connectionCreateProblems(body, manifestSourceFileProblems);
}

/** A connection create of either kind: `fileProblems` checks each source file. */
function connectionCreateProblems(body: unknown, fileProblems: (file: unknown, at: string) => Problem[]): Problem[] {
  if (!isObject(body)) return [{ path: "", detail: DETAIL.malformedJson }];
  const problems: Problem[] = [];
  const files = body.sourceFiles;
  if (files === undefined || files === null || !Array.isArray(files)) {
    problems.push({ path: "sourceFiles", detail: DETAIL.missingSourceFiles });
  } else if (files.length === 0) {
    problems.push({ path: "sourceFiles", detail: DETAIL.emptySourceFiles });
  } else {
    files.forEach((file, i) => problems.push(...fileProblems(file, `sourceFiles[${i}].`)));
  }
  if (missing(body.iModelId)) problems.push({ path: "iModelId", detail: DETAIL.missingIModelId });
  else if (!isGuid(body.iModelId)) problems.push({ path: "iModelId", detail: DETAIL.invalidIModelId });
  problems.push(...updateProblems(body));
  return problems;
}

function missing(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** The iModels client's limit on name and description. */
const MAX_IMODEL_TEXT = 255;

function isLatitude(value: unknown): boolean {
  return typeof value === "number" && value >= -90 && value <= 90;
}

function isLongitude(value: unknown): boolean {
  return typeof value === "number" && value >= -180 && value <= 180;
}

/** `{southWest, northEast}`, each `{latitude, longitude}` in range (Bentley's iModels client). */
export function isExtent(value: unknown): boolean {
  const corner = (c: unknown) => isObject(c) && isLatitude(c.latitude) && isLongitude(c.longitude);
  return isObject(value) && corner(value.southWest) && corner(value.northEast);
}

/** Rules for the iModel fields both create and update may send. */
function iModelFieldProblems(body: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  if (!missing(body.description) && (typeof body.description !== "string" || body.description.length > MAX_IMODEL_TEXT)) {
    problems.push({ path: "description", detail: DETAIL.invalidDescription });
  }
  if (body.extent !== undefined && body.extent !== null && !isExtent(body.extent)) {
    problems.push({ path: "extent", detail: DETAIL.invalidExtent });
  }
  return problems;
}

function nameProblems(name: unknown): Problem[] {
  if (typeof name !== "string" || name.trim() === "" || name.length > MAX_IMODEL_TEXT) {
    return [{ path: "name", detail: DETAIL.invalidName }];
  }
  return [];
}

/** Rules for the iModels API's `POST /imodels` (the emulator creates empty iModels only). */
export function createIModelProblems(body: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  if (missing(body.iTwinId)) problems.push({ path: "iTwinId", detail: DETAIL.missingITwinId });
  else if (!isGuid(body.iTwinId)) problems.push({ path: "iTwinId", detail: DETAIL.invalidITwinId });
  if (missing(body.name)) problems.push({ path: "name", detail: DETAIL.missingName });
  else problems.push(...nameProblems(body.name));
  problems.push(...iModelFieldProblems(body));
  if (body.creationMode !== undefined && !(IMODEL_CREATION_MODES as readonly unknown[]).includes(body.creationMode)) {
    problems.push({ path: "creationMode", detail: DETAIL.invalidCreationMode });
  }
  const containers = body.containersEnabled;
  if (containers !== undefined && !(Number.isInteger(containers) && (containers as number) >= 0 && (containers as number) <= MAX_CONTAINERS_ENABLED)) {
    problems.push({ path: "containersEnabled", detail: DETAIL.invalidContainersEnabled });
  }
  return problems;
}

/** Rules for the iModels API's `PATCH /imodels/{id}`: name, description, extent. */
export function updateIModelProblems(body: Record<string, unknown>): Problem[] {
  return [...(body.name === undefined ? [] : nameProblems(body.name)), ...iModelFieldProblems(body)];
}

/** Rules for a configuration's settings at `scope`: known names, documented types (no null: a setting cannot be
 * unset by Create or Patch, docs/api-gaps.md). */
export function configurationProblems(scope: ConfigurationScope, body: Record<string, unknown>): Problem[] {
  const specs: Record<string, SettingSpec> = CONFIGURATION_SCOPES[scope].settings;
  const problems: Problem[] = [];
  for (const [name, value] of Object.entries(body)) {
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) problems.push({ path: name, detail: unknownSettingDetail(name) });
    else if (spec.type === "boolean" ? typeof value !== "boolean" : !(Number.isInteger(value) && (value as number) >= 0)) {
      problems.push({ path: name, detail: invalidSettingDetail(name, spec.type) });
    }
  }
  return problems;
}

/** One `{sourceFileId}` of a ManifestConnection: any non-empty string (the pages' ids are GUIDs, base64url and short
 * hex alike). */
export function manifestSourceFileProblems(file: unknown, at = ""): Problem[] {
  const entry = isObject(file) ? file : {};
  if (missing(entry.sourceFileId)) return [{ path: `${at}sourceFileId`, detail: DETAIL.missingSourceFileId }];
  if (typeof entry.sourceFileId !== "string" || entry.sourceFileId.trim() === "") {
    return [{ path: `${at}sourceFileId`, detail: DETAIL.invalidSourceFileId }];
  }
  return [];
}

/** Rules for a manifest run's body: both fields optional; every file (and child) needs an id. */
export function manifestRunProblems(body: unknown): Problem[] {
  if (body === undefined) return [];
  if (!isObject(body)) return [{ path: "", detail: DETAIL.malformedJson }];
  const problems: Problem[] = [];
  const url = body.documentAttributeSchemaUrl;
  if (url !== undefined && url !== null && (typeof url !== "string" || !URL.canParse(url))) {
    problems.push({ path: "documentAttributeSchemaUrl", detail: DETAIL.invalidDocumentAttributeSchemaUrl });
  }
  const files = body.sourceFiles;
  const hasId = (f: unknown) => isObject(f) && typeof f.id === "string" && f.id !== "";
  const valid =
    files === undefined ||
    files === null ||
    (Array.isArray(files) &&
      files.every((f) => hasId(f) && (f.children === undefined || (Array.isArray(f.children) && f.children.every(hasId)))));
  if (!valid) problems.push({ path: "sourceFiles", detail: DETAIL.invalidManifest });
  return problems;
}
