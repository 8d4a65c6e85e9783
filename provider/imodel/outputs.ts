// An iModel as the API answers it, as resource outputs and as the inputs `read` reports (drift and import).
import type { IModel } from "../../api/types";
import type { IModelInputs, IModelOutputs } from "./model";

export function toOutputs(iModel: IModel): IModelOutputs {
  const links = Object.fromEntries(Object.entries(iModel._links ?? {}).flatMap(([k, v]) => (v?.href ? [[k, v.href]] : [])));
  return {
    iTwinId: iModel.iTwinId,
    name: iModel.name,
    // The API has null for "none": an undeclared description or extent reads as absent.
    ...(iModel.description && { description: iModel.description }),
    ...(iModel.extent && { extent: iModel.extent }),
    state: iModel.state,
    createdDateTime: iModel.createdDateTime,
    dataCenterLocation: iModel.dataCenterLocation,
    links,
  };
}

/** The inputs that would declare the iModel as it is. */
export function liveInputs(outputs: IModelOutputs): IModelInputs {
  const { iTwinId, name, description, extent } = outputs;
  return { iTwinId, name, ...(description !== undefined && { description }), ...(extent !== undefined && { extent }) };
}
