// The StorageConnection resource as Pulumi programs declare it.
import * as pulumi from "@pulumi/pulumi";
import type { AuthenticationType } from "../../api/types";
import type { ConnectorType } from "../../api/contract";
import { SERIALIZED_PROVIDER } from "../dynamic-provider";
import type { ConnectionLinksState, LastRun, SourceFileState } from "./model";

export interface SourceFileInput {
  storageFileId: pulumi.Input<string>;
  connectorType: pulumi.Input<ConnectorType>;
}

export interface StorageConnectionArgs {
  /** The iModel the files synchronize into (a GUID). Changing it replaces the connection. */
  iModelId: pulumi.Input<string>;
  displayName?: pulumi.Input<string>;
  /** Default "User". "Service" connections run with a client-credentials token. */
  authenticationType?: pulumi.Input<AuthenticationType>;
  /** At least one; each storage file once. Order does not matter. */
  sourceFiles: pulumi.Input<pulumi.Input<SourceFileInput>[]>;
  /** Manage this existing connection instead of creating one; it is reconciled to these inputs. */
  adoptConnectionId?: pulumi.Input<string>;
  /** When the API answers 409 because one connection of the iModel already maps these files, adopt that one. */
  adoptOnConflict?: pulumi.Input<boolean>;
  /** Start a synchronization run after create and whenever the source files change. */
  runOnChange?: pulumi.Input<boolean>;
  /** With runOnChange: wait for the run's result; a run ending in Error fails the step. */
  waitForRun?: pulumi.Input<boolean>;
  /** With waitForRun: seconds to wait before failing with a timeout. Default 600. */
  runTimeoutSeconds?: pulumi.Input<number>;
}

/** A Node.js dynamic resource: the `pulumi-nodejs` package is the dynamic-provider host. */
export const STORAGE_CONNECTION_TYPE = "pulumi-nodejs:dynamic/itwin:StorageConnection";

export class StorageConnection extends pulumi.CustomResource {
  declare readonly iModelId: pulumi.Output<string>;
  declare readonly displayName: pulumi.Output<string>;
  declare readonly authenticationType: pulumi.Output<AuthenticationType>;
  declare readonly iTwinId: pulumi.Output<string>;
  /** The source files as the API reports them, each with its `id`, in the declared order. */
  declare readonly sourceFiles: pulumi.Output<SourceFileState[]>;
  declare readonly links: pulumi.Output<ConnectionLinksState>;
  /** The connection's newest run; undefined until a run exists. */
  declare readonly lastRun: pulumi.Output<LastRun | undefined>;
  declare readonly adoptConnectionId: pulumi.Output<string | undefined>;
  declare readonly adoptOnConflict: pulumi.Output<boolean | undefined>;
  declare readonly runOnChange: pulumi.Output<boolean | undefined>;
  declare readonly waitForRun: pulumi.Output<boolean | undefined>;
  declare readonly runTimeoutSeconds: pulumi.Output<number | undefined>;

  constructor(name: string, args: StorageConnectionArgs, opts?: pulumi.CustomResourceOptions) {
    // Every output is listed (undefined unless given) so that the engine exposes it on the resource.
    const outputs = { displayName: undefined, authenticationType: undefined, iTwinId: undefined, links: undefined, lastRun: undefined };
    // What pulumi.dynamic.Resource does, minus serializing a provider object: the text is fixed (see dynamic-provider).
    super(STORAGE_CONNECTION_TYPE, name, { ...outputs, ...args, __provider: SERIALIZED_PROVIDER }, opts);
  }
}
