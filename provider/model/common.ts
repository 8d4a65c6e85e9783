// The API's enums and shapes that several models share, each described once; their values come from api/.
import { AUTHENTICATION_TYPES, CONNECTOR_TYPES } from "../../api/contract";
import { RUN_RESULTS, RUN_STATES } from "../../api/types";
import { enumType, objectType } from "./define";

/** Open: with itwin:allowUnknownConnectorTypes, connectors newer than this package pass check as declared. */
export const ConnectorType = enumType("ConnectorType", CONNECTOR_TYPES, "A connector of the iTwin Synchronization API.", { open: true });
export const AuthenticationType = enumType("AuthenticationType", AUTHENTICATION_TYPES, "How the connection's runs authenticate.");
export const RunState = enumType("RunState", RUN_STATES, "The state of a run, job or task.");
export const RunResult = enumType("RunResult", RUN_RESULTS, "The result of a completed run, job or task.");

export const RunError = objectType("RunError", {
  errorKey: { type: "string" },
  description: { type: "string" },
});

/** A connection's `_links` (storage or manifest: the same shape) as the hrefs outputs and lookups carry. */
export const ConnectionLinks = objectType("ConnectionLinks", {
  iModel: { type: "string" },
  iTwin: { type: "string" },
  lastRun: { type: "string", optional: true, description: "Absent until the connection has been run." },
});
