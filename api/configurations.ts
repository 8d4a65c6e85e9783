// Synchronization configurations (technology preview): the settings of each scope with their type, default and
// description as Bentley's Create/Patch Configuration pages give them, written once for the emulator, the client and
// the resources. Where the pages have gaps, docs/api-gaps.md says what is assumed.
import { SYNC_ROOT } from "./contract";

/** A setting's JSON type: every captured example gives the flags as true/false and the distance as a number. */
export type SettingType = "boolean" | "integer";

export interface SettingSpec {
  readonly type: SettingType;
  readonly default: boolean | number;
  /** The page's description (its first paragraph, and any warning it adds). */
  readonly description: string;
}

/** iTwin scope (create-itwin-configuration, patch-itwin-configuration). */
export const ITWIN_SETTINGS = {
  uploadDgnRealityData: {
    type: "boolean",
    default: true,
    description:
      "Enables reality data upload to Reality Data API while synchronizing files to iModels, if .3sm, .3mx, .pod, " +
      "or raster attachments are attached to CAD data. The default value is true. Having this configuration set to " +
      "true will trigger credit usage for Reality Data service.",
  },
  convertDgnTerrainModels: {
    type: "boolean",
    default: false,
    description: "Enables terrain model elements to be processed during dgn-based synchronizations. The default value is false.",
  },
  squashIntermediateRevisions: {
    type: "boolean",
    default: false,
    description:
      "Enables the creation of a single Changeset for physical and drawing elements (2D, 3D) coming from all Source " +
      "Files. Separate Changesets will be pushed for any schema or definition changes. The default value is false.",
  },
  convertDgnHyperModelingSections: {
    type: "boolean",
    default: true,
    description:
      "Enables displaying the 2D section graphics and annotations in the context of the 3D model. The default value is true.",
  },
  skipRvtReprojection: {
    type: "boolean",
    default: false,
    description:
      "Ignores geo-location defined in .rvt file and overlaps the model at the local iModel coordinates. The default " +
      "value is false. This configuration will have no effect if Revit was the first file synchronized to an empty iModel.",
  },
  // GAP: named only by the Get iTwin Configuration example (false in resolvedSettings while unset), never described.
  allowRevitIgnoreGcs: {
    type: "boolean",
    default: false,
    description:
      "Not described by Bentley's reference pages: it appears (false while unset) in the resolvedSettings of the " +
      "Get iTwin Configuration example.",
  },
} as const satisfies Record<string, SettingSpec>;

/** iModel scope (create-imodel-configuration, patch-imodel-configuration). */
export const IMODEL_SETTINGS = {
  clampZExtent: {
    type: "boolean",
    default: false,
    description:
      "Enables a limit for the project Z extent maximum up to Mount Everest height (i.e. 8849 meters). Works only when " +
      "project extent in XY direction is defined for iModel. The default value is false.",
  },
  overrideRvtReprojectionDistance: {
    type: "integer",
    default: 0,
    description:
      "Define distance in meters when to start ignoring .rvt file geo-location data and reprojecting graphics based " +
      "on local iModel coordinates. The default value is 0. This configuration will have no effect if Revit was the " +
      "first file synchronized to an empty iModel.",
  },
  ignoreIfcGlobalIds: {
    type: "boolean",
    default: false,
    description: "Enables connector to ignore the IFC global IDs when calculating element provenance. The default setting is set to false.",
  },
} as const satisfies Record<string, SettingSpec>;

/** Connection scope (create-connection-configuration, patch-connection-configuration). The newest Patch page lists
 * two more (DWG 3D model space as 2D; Revit level of detail) whose property names were not captured: not offered. */
export const CONNECTION_SETTINGS = {
  reclassifyDgnElements: {
    type: "boolean",
    default: false,
    description:
      "Enables connector to change the base class of an element if its current classification comes from the Generic " +
      "schema. The default value is false. Every Generic element is re-processed (a longer synchronization job); " +
      "Bentley suggests setting it with caution and per required run, not perpetually.",
  },
  ignoreDgnAttachments: {
    type: "boolean",
    default: false,
    description:
      "Enables skipping of all reference attachments. As a result, only the master file is synchronized into the " +
      "iModel. Only applicable for .dgn and .dwg files. The default value is false.",
  },
  enableSheetsAndDrawings: {
    type: "boolean",
    default: false,
    description:
      "Controls sheets and drawings synchronization. If enabled all sheet models and relayed drawings will be " +
      "synchronized to an iModel. The default value is false.",
  },
  enableC3dGraphsIn2dModel: {
    type: "boolean",
    default: false,
    description:
      "Enables the separation of 2D elements from 3D elements in the target iModel when using Civil Connector. The 2D " +
      "elements will be inserted into a graph model, while the 3D elements will be kept in the spatial model. The " +
      "default value is false.",
  },
  enableSheetIndex: {
    type: "boolean",
    default: false,
    description:
      "A sheet index is a centralized and structured collection of sheets in your WorkSet. Enabling this flag triggers " +
      "processing of sheet index files from the associated workspace. The default value is false.",
  },
  filterBySheetIndex: {
    type: "boolean",
    default: false,
    description:
      "A sheet index is a centralized and structured collection of sheets in your WorkSet. Enabling this flag limits " +
      "(filters) the processing of sheets provided to the connector to the ones specified in the sheet index. The " +
      "default value is false.",
  },
} as const satisfies Record<string, SettingSpec>;

type SettingValue<S extends SettingSpec> = S["type"] extends "integer" ? number : boolean;
type Values<T extends Record<string, SettingSpec>> = { -readonly [K in keyof T]?: SettingValue<T[K]> };

export type ITwinSettings = Values<typeof ITWIN_SETTINGS>;
export type IModelSettings = Values<typeof IMODEL_SETTINGS>;
export type ConnectionSettings = Values<typeof CONNECTION_SETTINGS>;
/** Every scope's settings, as `resolvedSettings` merges them (all present there). */
export type ResolvedSettings = Required<ITwinSettings & IModelSettings & ConnectionSettings>;

/** The three scopes, narrowest last: a scope's resolved settings merge those of the scopes above it. */
export const CONFIGURATION_SCOPES = {
  itwin: { path: "itwins", idName: "itwinid", label: "iTwin", settings: ITWIN_SETTINGS },
  imodel: { path: "imodels", idName: "imodelid", label: "iModel", settings: IMODEL_SETTINGS },
  connection: { path: "connections", idName: "connectionid", label: "connection", settings: CONNECTION_SETTINGS },
} as const;
export type ConfigurationScope = keyof typeof CONFIGURATION_SCOPES;
export type ScopeSettings<S extends ConfigurationScope> = Values<(typeof CONFIGURATION_SCOPES)[S]["settings"]>;

/** `/synchronization/configurations/{itwins|imodels|connections}/{id}`. */
export function configurationPath(scope: ConfigurationScope, scopeId: string): string {
  return `${SYNC_ROOT}/configurations/${CONFIGURATION_SCOPES[scope].path}/${encodeURIComponent(scopeId)}`;
}

/** The body of Create and Patch: the scope's settings, flat (the Patch pages' examples; Create's body was not captured). */
export type ConfigurationRequest<S extends ConfigurationScope = ConfigurationScope> = ScopeSettings<S>;

/** `{configuration}` of Create, Get and Patch. `scopeId` is the iTwin, iModel or connection id. */
export interface Configuration<S extends ConfigurationScope = ConfigurationScope> {
  scopeId: string;
  /** What was set at this scope. */
  settings: ScopeSettings<S>;
  /** Every setting of this scope and the scopes above it, as it applies here: defaults, overridden by the iTwin's,
   * the iModel's and this scope's configurations. */
  resolvedSettings: Partial<ResolvedSettings>;
}

export interface ConfigurationResponse<S extends ConfigurationScope = ConfigurationScope> {
  configuration: Configuration<S>;
}

/** The defaults of `scope` and of every scope above it. */
export function defaultSettings(scope: ConfigurationScope): Partial<ResolvedSettings> {
  const scopes = Object.keys(CONFIGURATION_SCOPES) as ConfigurationScope[];
  const defaults: Record<string, boolean | number> = {};
  for (const s of scopes.slice(0, scopes.indexOf(scope) + 1)) {
    for (const [name, spec] of Object.entries(CONFIGURATION_SCOPES[s].settings) as Array<[string, SettingSpec]>) {
      defaults[name] = spec.default;
    }
  }
  return defaults as Partial<ResolvedSettings>;
}
