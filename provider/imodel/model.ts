// The IModel contract, written once: the iModels API v2 iModel as a resource. Its TypeScript types, the dynamic
// class's Args and outputs, the plugin schema and docs/resources/imodel.md are all derived from it.
import { defineResource, objectType, type CheckedOf, type Infer, type InputsOf, type OutputsOf } from "../model/define";

export const GeoPoint = objectType("GeoPoint", {
  latitude: { type: "number", description: "Degrees, -90 to 90." },
  longitude: { type: "number", description: "Degrees, -180 to 180." },
});

export const Extent = objectType(
  "Extent",
  {
    southWest: { type: GeoPoint, description: "The south-west corner." },
    northEast: { type: GeoPoint, description: "The north-east corner." },
  },
  "The iModel's geographic extent: the rectangle its data covers.",
);

export const IModelLinks = objectType("IModelLinks", {
  changesets: { type: "string", optional: true, description: "The iModel's changesets." },
  namedVersions: { type: "string", optional: true, description: "The iModel's named versions." },
  creator: { type: "string", optional: true, description: "The user who created the iModel." },
});

export const iModelModel = defineResource({
  token: "itwin:index:IModel",
  description:
    "An iModel (iModels API v2). Deleting it deletes the iModel and all its data: declare it with `protect: true`.",
  inputs: {
    iTwinId: { type: "string", replaces: true, description: "The iTwin the iModel belongs to (a GUID)." },
    name: { type: "string", description: "The iModel's name: unique in the iTwin, at most 255 characters, not blank." },
    description: {
      type: "string",
      optional: true,
      description: "At most 255 characters. Left out: the iModel has no description (one set by hand is drift).",
    },
    extent: {
      type: Extent,
      optional: true,
      description: "The geographic extent. Left out: the iModel has none (one set by hand is drift).",
    },
  },
  outputs: {
    state: { type: "string", description: '"initialized" or "notInitialized".' },
    createdDateTime: { type: "string", description: "When the iModel was created (ISO 8601)." },
    dataCenterLocation: { type: "string", description: "Where the iModel's data is kept." },
    links: { type: IModelLinks, description: "The iModel's `_links` hrefs." },
  },
});

export type IModelModel = typeof iModelModel;
export type IModelInputs = InputsOf<IModelModel>;
export type CheckedIModelInputs = CheckedOf<IModelModel>;
export type IModelOutputs = OutputsOf<IModelModel>;
export type ExtentState = Infer<typeof Extent.fields>;
