// The three synchronization configurations through the dynamic classes: an iTwin's, an iModel's and a connection's
// (of a StorageConnection declared here), each with the settings its `test:*Settings` config gives, each read back
// through its lookup (the Promise form once the configuration exists, the Output form fed by the resource).
import * as pulumi from "@pulumi/pulumi";
import {
  ConnectionSyncConfiguration,
  getConnectionSyncConfigurationOutput,
  getIModelSyncConfigurationOutput,
  getITwinSyncConfiguration,
  IModelSyncConfiguration,
  ITwinSyncConfiguration,
  StorageConnection,
  type ConnectionSyncConfigurationArgs,
  type IModelSyncConfigurationArgs,
  type ITwinSyncConfigurationArgs,
} from "itwin-sync-pulumi";

const config = new pulumi.Config("test");
const iModelId = config.require("iModelId");

const structure = new StorageConnection("structure", {
  iModelId,
  displayName: "Structure",
  sourceFiles: [{ storageFileId: config.require("storageFileId"), connectorType: "MSTN" }],
});

const itwin = new ITwinSyncConfiguration("itwin-settings", {
  iTwinId: config.require("iTwinId"),
  ...config.requireObject<Omit<ITwinSyncConfigurationArgs, "iTwinId">>("itwinSettings"),
});
const imodel = new IModelSyncConfiguration("imodel-settings", {
  iModelId,
  ...config.requireObject<Omit<IModelSyncConfigurationArgs, "iModelId">>("imodelSettings"),
});
const connection = new ConnectionSyncConfiguration("structure-settings", {
  connectionId: structure.id,
  ...config.requireObject<Omit<ConnectionSyncConfigurationArgs, "connectionId">>("connectionSettings"),
});

export const connectionId = structure.id;
export const itwinSettings = itwin.settings;
export const imodelSettings = imodel.settings;
export const imodelClamp = imodel.clampZExtent;
export const connectionResolved = connection.resolvedSettings;
export const lookedUp = getConnectionSyncConfigurationOutput({ connectionId: connection.connectionId }).resolvedSettings;
export const imodelLookedUp = getIModelSyncConfigurationOutput({ iModelId: imodel.iModelId }).settings;
export const itwinLookedUp = itwin.iTwinId.apply((iTwinId) => getITwinSyncConfiguration({ iTwinId })).apply((c) => c.settings);
