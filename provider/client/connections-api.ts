// Get Connections: every connection of an iModel, storage and manifest alike, all pages (the call Bentley's sample app
// makes first in each flow).
import { SYNC_PATH } from "../../api/contract";
import * as shapes from "../../api/shapes";
import type { ConnectionOfAnyKind } from "../../api/types";
import type { HttpClient } from "./http";
import { allPages } from "./paging";

export class ConnectionsApi {
  constructor(private readonly http: HttpClient) {}

  /** `{id, displayName, iModelId, _links}` of each (no field tells the kinds apart: docs/api-gaps.md). */
  list(iModelId: string): Promise<ConnectionOfAnyKind[]> {
    return allPages(
      this.http,
      { operation: `Get Connections of iModel ${iModelId}`, path: `${SYNC_PATH}/connections`, query: { imodelId: iModelId } },
      shapes.anyConnectionListResponse,
      (page) => page.connections,
    );
  }
}
