// The documented constants of the iTwin Synchronization API: media type, limits, enums and the error catalogue.
// The emulator answers with these exact codes and messages; the provider validates against the same rules.
import type { ApiErrorBody, ErrorDetail, RunError } from "./types";

export const MEDIA_TYPE = "application/vnd.bentley.itwin-platform.v1+json";
export const DEFAULT_BASE_URL = "https://api.bentley.com";
export const DEFAULT_AUTHORITY_URL = "https://ims.bentley.com";
export const DEFAULT_SCOPE = "itwin-platform";
export const SYNC_ROOT = "/synchronization";
export const SYNC_PATH = `${SYNC_ROOT}/imodels`;

/** `$top` over this is a 422; it is also the page size the provider asks for. */
export const MAX_PAGE_SIZE = 1000;
/** What the service pages by when `$top` is not given. */
export const DEFAULT_PAGE_SIZE = 100;

/**
 * The known set: the 17 of the create page's 422 message (its enum table lists only 13 of these) and three that
 * Bentley's own clients send (the `itp` CLI's and the sample app's connector enums): AVEVADIAGRAMS, AVEVAPID,
 * SHELLEDWCSV. The provider rejects others unless `itwin:allowUnknownConnectorTypes` is set.
 */
export const CONNECTOR_TYPES = [
  "AUTOPLANT",
  "AVEVADIAGRAMS",
  "AVEVAPID",
  "CIVIL",
  "CIVIL3D",
  "DACQJSON",
  "DWG",
  "GEOSPATIAL",
  "IFC",
  "INTELLIPID",
  "MSTN",
  "NWD",
  "OBD",
  "OPENTOWER",
  "PROSTRUCTURES",
  "PSEXCEL",
  "REVIT",
  "SHELLEDWCSV",
  "SPPID",
  "SPXREVIEW",
] as const;
export type ConnectorType = (typeof CONNECTOR_TYPES)[number];

export const AUTHENTICATION_TYPES = ["User", "Service"] as const;

/** iModels API creation modes (create-imodel page); without one, the deprecated instantly initialized empty iModel. */
export const IMODEL_CREATION_MODES = ["empty", "fromiModelVersion", "fromBaseline"] as const;
/** containersEnabled bit flags (Bentley's iModels client): SchemaSync 1, CodeStore 2, ViewStore 4. */
export const MAX_CONTAINERS_ENABLED = 7;
/** What the API takes when a connection is created without an authenticationType. */
export const DEFAULT_AUTHENTICATION_TYPE = "User" satisfies (typeof AUTHENTICATION_TYPES)[number];

export const GUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: unknown): value is string {
  return typeof value === "string" && GUID_PATTERN.test(value);
}

/** Run states after which nothing changes any more. */
export const TERMINAL_RUN_STATE = "Completed";

/** The documented `details` entries, keyed by what they describe. */
export const DETAIL = {
  malformedJson: { code: "InvalidRequestBody", message: "Error parsing JSON, malformed JSON." },
  missingSourceFiles: {
    code: "MissingRequiredProperty",
    message: "A property required to create or update a connection is missing.",
    target: "sourceFiles",
  },
  emptySourceFiles: {
    code: "MissingRequiredProperty",
    message: "At least one input file must be included to create a ConnectionDefinition.",
    target: "sourceFiles",
  },
  missingConnectorType: {
    code: "MissingRequiredProperty",
    message: "A property required to create or update a connection is missing.",
    target: "connectorType",
  },
  missingStorageFileId: {
    code: "MissingRequiredProperty",
    message: "A property required to create or update a connection is missing.",
    target: "storageFileId",
  },
  missingIModelId: { code: "MissingRequiredProperty", message: "imodelId was not provided.", target: "imodelId" },
  invalidConnectorType: {
    code: "InvalidValue",
    // Verbatim from the create page: its list predates the three connector types Bentley's clients add.
    message:
      "connectorType must be one of: 'AUTOPLANT', 'CIVIL', 'CIVIL3D', 'DACQJSON', 'DWG', 'GEOSPATIAL', 'IFC', " +
      "'INTELLIPID', 'MSTN', 'NWD', 'OBD', 'OPENTOWER', 'PROSTRUCTURES', 'PSEXCEL', 'REVIT', 'SPPID', 'SPXREVIEW'.",
    target: "connectorType",
  },
  invalidIModelId: { code: "InvalidValue", message: "Provided imodelId value is not valid.", target: "imodelId" },
  invalidStorageFileId: {
    code: "InvalidValue",
    message: "Provided storageFileId value is not valid.",
    target: "storageFileId",
  },
  invalidConnectionId: {
    code: "InvalidValue",
    message: "Provided connectionId value is not valid.",
    target: "connectionId",
  },
  pageTooLarge: { code: "InvalidValue", message: `Page size is over '${MAX_PAGE_SIZE}' items limit.`, target: "$top" },
  // Not on the reference pages: negative or non-numeric paging values, worded like the documented "Provided … value".
  invalidTop: { code: "InvalidValue", message: "Provided $top value is not valid.", target: "$top" },
  invalidSkip: { code: "InvalidValue", message: "Provided $skip value is not valid.", target: "$skip" },
  invalidAuthenticationType: {
    code: "InvalidValue",
    message: "authenticationType must be one of: 'User', 'Service'.",
    target: "authenticationType",
  },
  invalidDisplayName: { code: "InvalidValue", message: "displayName must be a string.", target: "displayName" },
  // iModels API (`POST /imodels`).
  missingITwinId: { code: "MissingRequiredProperty", message: "Required property is missing.", target: "iTwinId" },
  missingName: { code: "MissingRequiredProperty", message: "Required property is missing.", target: "name" },
  invalidITwinId: { code: "InvalidValue", message: "Provided iTwinId value is not valid.", target: "iTwinId" },
  invalidName: { code: "InvalidValue", message: "name must be a string.", target: "name" },
  invalidDescription: { code: "InvalidValue", message: "description must be a string.", target: "description" },
  // Configurations: the documented details of a malformed scope id (the Delete Configuration pages).
  invalidITwinScopeId: { code: "InvalidValue", message: "Provided itwinid value is not valid.", target: "itwinid" },
  invalidIModelScopeId: { code: "InvalidValue", message: "Provided imodelid value is not valid.", target: "imodelid" },
  invalidConnectionScopeId: { code: "InvalidValue", message: "Provided connectionid value is not valid.", target: "connectionid" },
  // ManifestConnections: the storage details with the manifest's field name (sourceFileId); not on the manifest pages.
  missingSourceFileId: {
    code: "MissingRequiredProperty",
    message: "A property required to create or update a connection is missing.",
    target: "sourceFileId",
  },
  invalidSourceFileId: { code: "InvalidValue", message: "Provided sourceFileId value is not valid.", target: "sourceFileId" },
  // A manifest run's body: not on the (cut) run page, worded like the documented details.
  invalidManifest: { code: "InvalidValue", message: "sourceFiles must be a list of source files.", target: "sourceFiles" },
  invalidDocumentAttributeSchemaUrl: {
    code: "InvalidValue",
    message: "Provided documentAttributeSchemaUrl value is not valid.",
    target: "documentAttributeSchemaUrl",
  },
  // iModels API PATCH: worded like its create details.
  invalidExtent: { code: "InvalidValue", message: "Provided extent value is not valid.", target: "extent" },
  invalidCreationMode: {
    code: "InvalidValue",
    message: "creationMode must be one of: 'empty', 'fromiModelVersion', 'fromBaseline'.",
    target: "creationMode",
  },
  invalidContainersEnabled: {
    code: "InvalidValue",
    message: "Provided containersEnabled value is not valid.",
    target: "containersEnabled",
  },
  // Authorization information: no reference page at hand, so worded like the documented "… was not provided." and
  // "Provided … value is not valid." details.
  missingRedirectUrl: { code: "MissingRequiredProperty", message: "redirectUrl was not provided.", target: "redirectUrl" },
  invalidRedirectUrl: { code: "InvalidValue", message: "Provided redirectUrl value is not valid.", target: "redirectUrl" },
} as const satisfies Record<string, ErrorDetail>;

/** A configuration setting of the wrong type (not on the pages, worded like the documented details). */
export function invalidSettingDetail(name: string, type: "boolean" | "integer"): ErrorDetail {
  const expected = type === "integer" ? "a whole number of 0 or more" : "true or false";
  return { code: "InvalidValue", message: `${name} must be ${expected}.`, target: name };
}

/** A property that is no setting of the configuration's scope (not on the pages). */
export function unknownSettingDetail(name: string): ErrorDetail {
  return { code: "InvalidValue", message: `${name} is not a setting of this configuration scope.`, target: name };
}

/** Top-level error bodies without details. */
export const ERROR = {
  headerNotFound: {
    code: "HeaderNotFound",
    message: "Header Authorization was not found in the request. Access denied.",
  },
  invalidToken: { code: "InvalidAuthorizationToken", message: "The access token is invalid or expired." },
  tooManyRequests: {
    code: "TooManyRequests",
    message: "More requests were received than the subscription rate-limit allows.",
  },
  rateLimitExceeded: {
    code: "RateLimitExceeded",
    message: "The client sent more requests than allowed by this API for the current tier of the client.",
  },
  fileMappingExists: {
    code: "FileMappingToTheIModelAlreadyExists",
    message: "One or more SourceFiles are already mapped to the iModel.",
  },
  runConflict: { code: "RunRequestConflict", message: "Another run request for this iModel is being processed." },
  storageConnectionNotFound: {
    code: "StorageConnectionNotFound",
    message: "Requested StorageConnection is not available.",
  },
  storageConnectionSourceFileNotFound: {
    code: "StorageConnectionSourceFileNotFound",
    message: "Requested StorageConnection SourceFile is not available.",
  },
  storageConnectionRunNotFound: {
    code: "StorageConnectionRunNotFound",
    message: "Requested StorageConnection Run is not available.",
  },
  manifestConnectionNotFound: {
    code: "ManifestConnectionNotFound",
    message: "Requested ManifestConnection is not available.",
  },
  manifestConnectionRunNotFound: {
    code: "ManifestConnectionRunNotFound",
    message: "Requested ManifestConnection Run is not available.",
  },
  configurationNotFound: { code: "ConfigurationNotFound", message: "Requested Configuration is not available." },
  // Assumed: the pages do not say what a second Create at a scope answers (docs/api-gaps.md).
  configurationExists: { code: "ConfigurationAlreadyExists", message: "A configuration already exists for this scope." },
  connectionAlreadyInUse: { code: "ConnectionAlreadyInUse", message: "Connection is already being processed." },
  // Each ManifestConnection SourceFile page words its 404 differently; each operation answers its own page's.
  manifestSourceFileNotFound: {
    code: "ManifestConnectionSourceFileNotFound",
    message: "Requested ManifestConnection SourceFile is not available.",
  },
  manifestSourceFileNotFoundOnAdd: {
    code: "ManifestConnectionSourceFileNotFound",
    message: "Requested ManifestConnection is not available.",
  },
  manifestSourceFileNotFoundOnUpdate: {
    code: "ManifestConnectionSourceFileNotFound",
    message: "Requested ManifestConnectionSourceFile is not available.",
  },
  iModelNotFound: { code: "iModelNotFound", message: "Requested iModel is not available." },
  iModelExists: { code: "iModelExists", message: "iModel with the same name already exists within the iTwin." },
  notFound: { code: "ResourceNotFound", message: "The requested resource does not exist." },
  methodNotAllowed: { code: "MethodNotAllowed", message: "The HTTP method is not allowed for this resource." },
  payloadTooLarge: { code: "PayloadTooLarge", message: "The request body is larger than the service accepts." },
  // What the HTTP layer answers before any operation (the emulator's wording: the gateway's is not documented).
  headersTooLarge: { code: "RequestHeaderFieldsTooLarge", message: "The request's headers are larger than the service accepts." },
  uriTooLong: { code: "UriTooLong", message: "The request's URL is longer than the service accepts." },
  badRequest: { code: "BadRequest", message: "The request is not valid HTTP/1.1" },
  requestTimeout: { code: "RequestTimeout", message: "The request did not arrive in full within the time the service waits for one" },
  serviceUnavailable: { code: "ServiceUnavailable", message: "The service is temporarily unavailable." },
  invalidClient: { code: "invalid_client", message: "Client authentication failed." },
  /** The emulator's (what IMS answers to repeated failures is not documented): 429 with Retry-After. */
  tooManyFailedAuthentications: {
    code: "temporarily_unavailable",
    message: "Too many failed authentications for this client; try again after the seconds Retry-After gives.",
  },
  unsupportedGrantType: { code: "unsupported_grant_type", message: "Only the client_credentials grant is supported." },
  // The emulator's /connect/authorize (IMS's sign-in is not documented).
  invalidConsentRequest: {
    code: "invalid_request",
    message: "Unknown, used or expired consent request: ask authorizationinformation for a new authorizationUrl.",
  },
  consentLoginRequired: {
    code: "login_required",
    message: "Sign in as the user who asked for this consent: send their access token (Authorization: Bearer, or the sign-in form).",
  },
  consentOtherUser: { code: "access_denied", message: "The signed-in user is not the one this consent request is for." },
  consentRedirectNotAllowed: {
    code: "invalid_request",
    message: "The consent request's redirectUrl is not under any of the emulator's --allowed-redirect URLs.",
  },
  internalError: { code: "InternalServerError", message: "The service failed to handle the request." },
} as const satisfies Record<string, { code: string; message: string }>;

/** The run `error` the run page documents for a `User` connection without the user's consent. */
export const RUN_ERROR = {
  userNotAuthenticated: { errorKey: "UserNotAuthenticated", description: "User is not authenticated." },
} as const satisfies Record<string, RunError>;

/** The 422 top-level codes, one per operation family (the iModels API has one for all of its own), each with the message "Cannot perform operation.". */
export const INVALID_REQUEST = {
  storageConnection: "InvalidStorageConnectionRequest",
  storageConnectionSourceFiles: "InvalidStorageConnectionSourceFilesRequest",
  storageConnectionSourceFile: "InvalidStorageConnectionSourceFileRequest",
  storageConnectionRuns: "InvalidStorageConnectionRunsRequest",
  storageConnectionRun: "InvalidStorageConnectionRunRequest",
  manifestConnection: "InvalidManifestConnectionRequest",
  manifestConnectionSourceFiles: "InvalidManifestConnectionSourceFilesRequest",
  manifestConnectionSourceFile: "InvalidManifestConnectionSourceFileRequest",
  manifestConnectionRuns: "InvalidManifestConnectionRunsRequest",
  manifestConnectionRun: "InvalidManifestConnectionRunRequest",
  /** Get Connections (every kind): assumed, its 422 body was not captured. */
  connections: "InvalidConnectionsRequest",
  configuration: "InvalidConfigurationRequest",
  iModels: "InvalidiModelsRequest",
  authorizationInformation: "InvalidAuthorizationInformationRequest",
} as const;

export function errorBody(error: { code: string; message: string }, details?: ErrorDetail[]): ApiErrorBody {
  return details && details.length > 0
    ? { error: { code: error.code, message: error.message, details: details.map((d) => ({ ...d })) } }
    : { error: { code: error.code, message: error.message } };
}

export function invalidRequestBody(code: string, details: ErrorDetail[]): ApiErrorBody {
  return errorBody({ code, message: "Cannot perform operation." }, details);
}
