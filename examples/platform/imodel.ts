// IModel: a dynamic resource for the iModels API, written by the platform team with Bentley's own iModels client
// (@itwin/imodels-client-management). Its provider borrows this package's runtime for the API root and the token, so
// it reads the same itwin:* config as StorageConnection: neither the settings nor a token end up in the serialized
// provider in state.
import * as pulumi from "@pulumi/pulumi";
import { IModelsClient, type Authorization } from "@itwin/imodels-client-management";
import { loadRuntime } from "itwin-sync-pulumi";

export interface IModelArgs {
  iTwinId: pulumi.Input<string>;
  /** Unique within the iTwin. */
  name: pulumi.Input<string>;
}

interface Inputs {
  iTwinId: string;
  name: string;
}

/** Bentley's client on the stack's itwin:baseUrl, authorized with the stack's itwin:* credentials. */
function iModelsApi(): { client: IModelsClient; authorization: () => Promise<Authorization> } {
  const { http } = loadRuntime().apiClient();
  return {
    client: new IModelsClient({ api: { baseUrl: `${http.baseUrl}/imodels` } }),
    authorization: async () => ({ scheme: "Bearer", token: await http.token() }),
  };
}

/**
 * The client's errors carry the API's status, code and message, with the details on lines of their own: one line
 * that says which operation failed, as the engine prints it.
 */
async function describing<T>(operation: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const { statusCode, code, message } = error as { statusCode?: number; code?: string; message?: string };
    const status = statusCode ? `HTTP ${statusCode} ` : "";
    throw new Error(`${operation} failed: ${status}${code ?? "Error"}: ${(message ?? String(error)).replace(/\s*\n\s*/g, " ").trim()}`);
  }
}

const provider: pulumi.dynamic.ResourceProvider = {
  configure: (req) => loadRuntime().configure(req),

  async create({ iTwinId, name }: Inputs) {
    const { client, authorization } = iModelsApi();
    const iModel = await describing(`Create iModel "${name}"`, () =>
      client.iModels.createEmpty({ authorization, iModelProperties: { iTwinId, name } }),
    );
    return { id: iModel.id, outs: { iTwinId, name, createdDateTime: iModel.createdDateTime } };
  },

  // Renaming is left out to keep the example small, so any change makes a new iModel: give IModels that hold data
  // `protect: true`. There is no `read` either: `pulumi refresh` keeps what state records.
  async diff(_id, olds: Inputs, news: Inputs) {
    const replaces = (["iTwinId", "name"] as const).filter((key) => olds[key] !== news[key]);
    return { changes: replaces.length > 0, replaces };
  },

  async delete(id) {
    const { client, authorization } = iModelsApi();
    await describing(`Delete iModel ${id}`, () => client.iModels.delete({ authorization, iModelId: id }));
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
