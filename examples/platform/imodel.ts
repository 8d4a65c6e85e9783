// IModel: a dynamic resource for the iModels API (POST and DELETE /imodels), written by the platform team. Its
// provider borrows the package's runtime, so it reads the same itwin:* config as StorageConnection and calls through
// the same client (retries, token): neither the settings nor a token end up in the serialized provider in state.
import * as pulumi from "@pulumi/pulumi";
import { loadRuntime, type CreateIModelRequest, type IModelResponse } from "itwin-sync-pulumi";

export interface IModelArgs {
  iTwinId: pulumi.Input<string>;
  /** Unique within the iTwin. */
  name: pulumi.Input<string>;
}

type Inputs = Pick<CreateIModelRequest, "iTwinId" | "name">;

const provider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => loadRuntime().configure(req),

  async create({ iTwinId, name }: Inputs) {
    const { body } = await loadRuntime().apiClient().http.request<IModelResponse>({
      operation: `Create iModel "${name}"`,
      method: "POST",
      path: "/imodels",
      body: { iTwinId, name },
      expect: [201],
    });
    return { id: body.iModel.id, outs: { iTwinId, name, createdDateTime: body.iModel.createdDateTime } };
  },

  // Renaming is left out to keep the example small, so any change makes a new iModel: give IModels that hold data
  // `protect: true`. There is no `read` either: `pulumi refresh` keeps what state records.
  async diff(_id, olds: Inputs, news: Inputs) {
    const replaces = (["iTwinId", "name"] as const).filter((key) => olds[key] !== news[key]);
    return { changes: replaces.length > 0, replaces };
  },

  async delete(id) {
    await loadRuntime().apiClient().http.request({
      operation: `Delete iModel ${id}`,
      method: "DELETE",
      path: `/imodels/${id}`,
      expect: [204],
    });
  },
};

export class IModel extends pulumi.dynamic.Resource {
  declare readonly iTwinId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly createdDateTime: pulumi.Output<string>;

  constructor(name: string, args: IModelArgs, opts?: pulumi.CustomResourceOptions) {
    super(provider, name, { createdDateTime: undefined, ...args }, opts, "itwin:examples", "IModel");
  }
}
