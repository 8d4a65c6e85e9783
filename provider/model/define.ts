// The annotated models every resource and lookup is declared with: a field's type, description, default and flags
// are written here once, and the TypeScript types (plain inputs, Checked inputs, outputs, a program's Args) and the
// package schema are derived from them, so neither can drift from the other.
import type * as pulumi from "@pulumi/pulumi";

export const PACKAGE = "itwin";

export type Primitive = "string" | "number" | "integer" | "boolean";

/** A named string enum; `open`: values beyond the listed ones may still reach the API (the core then sees a string). */
export interface EnumType<V extends string = string> {
  readonly kind: "enum";
  readonly name: string;
  readonly description: string;
  readonly values: readonly V[];
  readonly open?: boolean;
}

/** A named object type (a schema `types` entry). */
export interface ObjectType<F extends Fields = Fields> {
  readonly kind: "object";
  readonly name: string;
  readonly description?: string;
  readonly fields: F;
}

export interface ArrayType<I extends TypeSpec = TypeSpec> {
  readonly kind: "array";
  readonly items: I;
}

export type TypeSpec = Primitive | EnumType<string> | ObjectType<Fields> | ArrayType<any>;

export interface Field<T extends TypeSpec = TypeSpec> {
  readonly type: T;
  readonly description?: string;
  /** May be left out; a field with a `default` is optional too (check fills it in). */
  readonly optional?: boolean;
  /** The value `check` fills in when the field is left out. */
  readonly default?: unknown;
  /** Changing it replaces the resource. */
  readonly replaces?: boolean;
  /** Kept secret in state. */
  readonly secret?: boolean;
  /** Steers the provider only: never sent to the API, never drifts. */
  readonly providerOnly?: boolean;
}

export type Fields = { readonly [name: string]: Field };

export function enumType<const V extends string, const O extends boolean = false>(
  name: string,
  values: readonly V[],
  description: string,
  options: { open?: O } = {},
): EnumType<V> & { readonly open: O } {
  return { kind: "enum", name, description, values, open: (options.open ?? false) as O };
}

export function objectType<const F extends Fields>(name: string, fields: F, description?: string): ObjectType<F> {
  return { kind: "object", name, fields, ...(description && { description }) };
}

export function arrayOf<const I extends TypeSpec>(items: I): ArrayType<I> {
  return { kind: "array", items };
}

// ---- TypeScript types derived from a model ----------------------------------------------------------------------

type Simplify<T> = { [K in keyof T]: T[K] } & {};
type IsOptional<F> = F extends { optional: true } ? true : F extends { default: unknown } ? true : false;
type IsLeftOut<F> = F extends { optional: true } ? true : false;

/** The plain value a type spec stands for. */
export type ValueOf<T> = T extends "string"
  ? string
  : T extends "number" | "integer"
    ? number
    : T extends "boolean"
      ? boolean
      : T extends EnumType<infer V>
        ? T extends { open: true }
          ? string
          : V
        : T extends ArrayType<infer I>
          ? ValueOf<I>[]
          : T extends ObjectType<infer F>
            ? Infer<F>
            : never;

/** The plain object described by `F`, optional fields (left out or defaulted) marked `?`. */
export type Infer<F extends Fields> = Simplify<
  { -readonly [K in keyof F as IsOptional<F[K]> extends true ? never : K]: ValueOf<F[K]["type"]> } & {
    -readonly [K in keyof F as IsOptional<F[K]> extends true ? K : never]?: ValueOf<F[K]["type"]>;
  }
>;

/** `Infer<F>` after check: every field with a default is present. */
export type Checked<F extends Fields> = Simplify<
  { -readonly [K in keyof F as IsLeftOut<F[K]> extends true ? never : K]: ValueOf<F[K]["type"]> } & {
    -readonly [K in keyof F as IsLeftOut<F[K]> extends true ? K : never]?: ValueOf<F[K]["type"]>;
  }
>;

/** What a program passes for a type spec: any level may be an Output; an open enum is typed by its known values. */
export type ArgOf<T> = T extends EnumType<infer V>
  ? V
  : T extends ArrayType<infer I>
    ? pulumi.Input<ArgOf<I>>[]
    : T extends ObjectType<infer F>
      ? Args<F>
      : ValueOf<T>;

/** A program's arguments for fields `F`: `{ [K in keyof Inputs]: pulumi.Input<…> }`. */
export type Args<F extends Fields> = Simplify<
  { [K in keyof F as IsOptional<F[K]> extends true ? never : K]: pulumi.Input<ArgOf<F[K]["type"]>> } & {
    [K in keyof F as IsOptional<F[K]> extends true ? K : never]?: pulumi.Input<ArgOf<F[K]["type"]>>;
  }
>;

// ---- Resources ---------------------------------------------------------------------------------------------------

export interface ResourceModel<I extends Fields = Fields, O extends Fields = Fields> {
  /** The plugin's type token, e.g. `itwin:index:StorageConnection`. */
  readonly token: string;
  readonly description: string;
  readonly inputs: I;
  /** What the API adds to the declared inputs, or reports in their place (same name: the output's spec wins). */
  readonly outputs: O;
}

export function defineResource<const I extends Fields, const O extends Fields>(model: ResourceModel<I, O>): ResourceModel<I, O> {
  return model;
}

/** The resource's declared inputs, as a program writes them (defaults not yet applied). */
export type InputsOf<M extends ResourceModel> = Infer<M["inputs"]>;
/** The inputs after `check`: every default filled in; what every later verb works on. */
export type CheckedOf<M extends ResourceModel> = Checked<M["inputs"]>;
/** The fields of a resource's outputs: the checked inputs (a defaulted field always there; one only the provider
 * reads, when declared), with the outputs' own fields over them. */
export type OutputFieldsOf<M extends ResourceModel> = {
  readonly [K in Exclude<keyof M["inputs"], keyof M["outputs"]>]: M["inputs"][K] extends { providerOnly: true }
    ? Omit<M["inputs"][K], "default" | "optional"> & { readonly optional: true }
    : Omit<M["inputs"][K], "default">;
} & M["outputs"];
/** The resource's outputs. */
export type OutputsOf<M extends ResourceModel> = Infer<OutputFieldsOf<M>>;
/** A program's arguments for the resource. */
export type ArgsOf<M extends ResourceModel> = Args<M["inputs"]>;
/** The resource's outputs as a program sees them on the resource object. */
export type OutputPropertiesOf<M extends ResourceModel> = {
  readonly [K in keyof OutputsOf<M>]-?: pulumi.Output<OutputsOf<M>[K]>;
};

/** The names of the model's fields that carry `flag`. */
export function fieldsWith<F extends Fields>(fields: F, flag: "replaces" | "secret" | "providerOnly"): Array<keyof F & string> {
  return Object.entries(fields)
    .filter(([, field]) => field[flag])
    .map(([name]) => name);
}

/** A resource's name from its model's token (`itwin:index:StorageConnection` → `StorageConnection`). */
export function resourceName(model: ResourceModel): string {
  return model.token.split(":").pop()!;
}

/** Every output name a resource has (inputs included), for the dynamic class to expose each one. */
export function outputNames(model: ResourceModel): string[] {
  return [...new Set([...Object.keys(model.inputs), ...Object.keys(model.outputs)])];
}

/** `inputs` with every default of the model filled in where the value is absent. */
export function withDefaults<F extends Fields>(fields: F, inputs: Record<string, unknown>): Record<string, unknown> {
  const filled = { ...inputs };
  for (const [name, field] of Object.entries(fields)) {
    if (field.default !== undefined && (filled[name] === undefined || filled[name] === null)) filled[name] = field.default;
  }
  return filled;
}

/** A field's description, with what its flags mean (an output without its own takes its input's). */
export function describe(field: Field, fallback?: Field): string | undefined {
  const text = field.description ?? fallback?.description;
  const replaces = (field.replaces ?? fallback?.replaces) && "Changing it replaces the resource.";
  return [text, replaces].filter(Boolean).join(" ") || undefined;
}

// ---- The package schema ------------------------------------------------------------------------------------------

type SchemaType = { type: string; items?: SchemaType } | { $ref: string };
export interface PropertySchema extends Record<string, unknown> {
  description?: string;
}
export interface ObjectSchema {
  type: "object";
  description?: string;
  properties: Record<string, PropertySchema>;
  required: string[];
}

/** A schema's named types, collected while its properties are written. */
export class SchemaTypes {
  readonly types: Record<string, unknown> = {};

  token(name: string): string {
    return `${PACKAGE}:index:${name}`;
  }

  typeOf(spec: TypeSpec): SchemaType {
    if (typeof spec === "string") return { type: spec };
    if (spec.kind === "array") return { type: "array", items: this.typeOf(spec.items) };
    const token = this.token(spec.name);
    if (!(token in this.types)) {
      this.types[token] = {}; // a placeholder first, so a type that refers to itself ends
      this.types[token] =
        spec.kind === "enum"
          ? { type: "string", description: spec.description, enum: spec.values.map((value) => ({ value })) }
          : this.object(spec.fields, spec.description);
    }
    return { $ref: `#/types/${token}` };
  }

  property(field: Field, fallback?: Field): PropertySchema {
    const description = describe(field, fallback);
    return {
      ...this.typeOf(field.type),
      ...(description && { description }),
      ...(field.default !== undefined && { default: field.default }),
      ...((field.secret ?? fallback?.secret) && { secret: true }),
    };
  }

  object(fields: Fields, description?: string, fallback: Fields = {}): ObjectSchema {
    const entries = Object.entries(fields);
    return {
      type: "object",
      ...(description && { description }),
      properties: Object.fromEntries(entries.map(([name, field]) => [name, this.property(field, fallback[name])])),
      required: entries.filter(([, field]) => !field.optional && field.default === undefined).map(([name]) => name),
    };
  }

  /** The schema's `resources` entry for `model`. */
  resource(model: ResourceModel): Record<string, unknown> {
    const inputs = this.object(model.inputs);
    const outputs = this.object(outputFields(model), undefined, model.inputs);
    return {
      description: model.description,
      inputProperties: inputs.properties,
      requiredInputs: inputs.required,
      properties: outputs.properties,
      required: outputs.required,
    };
  }
}

/** The fields of a resource's outputs (OutputFieldsOf). */
export function outputFields<M extends ResourceModel>(model: M): OutputFieldsOf<M> {
  const checked = Object.fromEntries(
    Object.entries(model.inputs).map(([name, { default: filled, ...field }]) => [
      name,
      { ...field, optional: field.providerOnly || (field.optional && filled === undefined) },
    ]),
  );
  return { ...checked, ...model.outputs } as OutputFieldsOf<M>;
}
