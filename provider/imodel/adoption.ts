// How an iModel comes to exist for `create`: by POST, once (core/create-once.ts). Names are unique in an iTwin, so
// the iModel a lost POST may have made is found by name, and a 409 iModelExists names the one holding the name: it is
// taken over only with itwin:adoptOnConflict=exact and when identical (same description and extent).
import { ERROR } from "../../api/contract";
import type { CreateIModelRequest, IModel } from "../../api/types";
import { ApiError, RERUN_WHEN_ANSWERING } from "../client/errors";
import type { SyncClient } from "../client/sync-client";
import { createOnce, type Obtained } from "../core/create-once";
import { ADOPT_EXACT_COMMAND } from "../storage-connection/adoption";
import type { CheckedIModelInputs, ExtentState } from "./model";

export function obtainIModel(client: SyncClient, inputs: CheckedIModelInputs, adoptIdenticalOnConflict: boolean): Promise<Obtained<IModel>> {
  const body: CreateIModelRequest = {
    iTwinId: inputs.iTwinId,
    name: inputs.name,
    ...(inputs.description !== undefined && { description: inputs.description }),
    ...(inputs.extent !== undefined && { extent: inputs.extent }),
  };
  const named = (c = client) => c.iModels.list(inputs.iTwinId, inputs.name).then((found) => found.find((m) => m.name === inputs.name));
  return createOnce<IModel>({
    post: () => client.iModels.create(body),
    isConflict: (error) => error.code === ERROR.iModelExists.code,
    // Patient, as StorageConnection's: the API that lost the answer may be slow for the lookup too.
    findCreated: async () => {
      const found = await named(client.patient());
      return found && identical(found, inputs) ? found : undefined;
    },
    onConflict: async (conflict) => {
      const holder = await named();
      const same = holder !== undefined && identical(holder, inputs);
      if (holder && same && adoptIdenticalOnConflict) return { value: holder, adopted: true };
      throw new ApiError({
        operation: conflict.operation,
        status: conflict.status,
        code: conflict.code,
        apiMessage: `${conflict.apiMessage}${holder ? ` (iModel ${holder.id})` : ""}`,
        hint: same
          ? "That iModel is identical to this declaration (same iTwin, name, description and extent): most likely an " +
            `earlier \`pulumi up\` created it and was interrupted before recording it. To take it over, run: ${ADOPT_EXACT_COMMAND}`
          : holder
            ? `To manage that iModel from this program, import it: \`pulumi import itwin:index:IModel <name> ${holder.id}\` ` +
              "(or the IModel class's `import` option); otherwise choose another name."
            : "Choose another name: names are unique in an iTwin.",
      });
    },
    lostFix:
      `${RERUN_WHEN_ANSWERING}; it looks the iModel up by name before it creates one, so none is made twice ` +
      `(an iModel that differs from the declaration is named by that up's 409).`,
  });
}

/** Same description and extent (the iTwin and name already match): an iModel this declaration would have made. */
function identical(iModel: IModel, inputs: CheckedIModelInputs): boolean {
  return (iModel.description ?? "") === (inputs.description ?? "") && sameExtent(iModel.extent ?? undefined, inputs.extent);
}

export function sameExtent(a: ExtentState | undefined, b: ExtentState | undefined): boolean {
  const corners = (e: ExtentState) => [e.southWest.latitude, e.southWest.longitude, e.northEast.latitude, e.northEast.longitude];
  return a === undefined || b === undefined ? a === b : corners(a).every((v, i) => v === corners(b)[i]);
}
