// The iModels API v2 (https://api.bentley.com/imodels): create, get, update, delete an iModel, one typed method per
// operation over HttpClient.request, with the Accept the iModels pages recommend.
import * as shapes from "../../api/shapes";
import type { CreateIModelRequest, IModel, UpdateIModelRequest } from "../../api/types";
import type { HttpClient } from "./http";
import { allPages } from "./paging";

const IMODELS = "/imodels";
/** The iModels pages: "Setting to application/vnd.bentley.itwin-platform.v2+json is recommended." */
export const IMODELS_MEDIA_TYPE = "application/vnd.bentley.itwin-platform.v2+json";
const enc = encodeURIComponent;

export class IModelsApi {
  constructor(private readonly http: HttpClient) {}

  /** 201; 409 iModelExists for a name the iTwin has. */
  async create(body: CreateIModelRequest): Promise<IModel> {
    const res = await this.http.request({
      operation: `Create iModel ${body.name}`,
      answer: shapes.iModelResponse,
      method: "POST",
      path: IMODELS,
      body,
      accept: IMODELS_MEDIA_TYPE,
      expect: [201],
    });
    return res.body.iModel;
  }

  /** The iModels of an iTwin (all pages, full), or only the one named `name` (names are unique in an iTwin): what a
   * create whose answer was lost looks for. */
  list(iTwinId: string, name?: string): Promise<IModel[]> {
    return allPages(
      this.http,
      { operation: `List iModels of iTwin ${iTwinId}`, path: IMODELS, query: { iTwinId, name }, accept: IMODELS_MEDIA_TYPE },
      shapes.iModelListResponse,
      (page) => page.iModels,
    );
  }

  async get(id: string): Promise<IModel> {
    const res = await this.http.request({
      operation: `Get iModel ${id}`,
      answer: shapes.iModelResponse,
      method: "GET",
      path: `${IMODELS}/${enc(id)}`,
      accept: IMODELS_MEDIA_TYPE,
      expect: [200],
    });
    return res.body.iModel;
  }

  /** PATCH name, description, extent (null clears it). */
  async update(id: string, body: UpdateIModelRequest): Promise<IModel> {
    const res = await this.http.request({
      operation: `Update iModel ${id}`,
      answer: shapes.iModelResponse,
      method: "PATCH",
      path: `${IMODELS}/${enc(id)}`,
      body,
      accept: IMODELS_MEDIA_TYPE,
      expect: [200],
    });
    return res.body.iModel;
  }

  /** Deletes the iModel and all its data. */
  async delete(id: string): Promise<void> {
    await this.http.request({ operation: `Delete iModel ${id}`, method: "DELETE", path: `${IMODELS}/${enc(id)}`, accept: IMODELS_MEDIA_TYPE, expect: [204] });
  }
}
