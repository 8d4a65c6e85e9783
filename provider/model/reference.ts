// The reference tables of a resource (in docs/resources/<resource>.md, between markers), written from its model: the
// page can only say what the model says (test/provider/reference.test.ts keeps the file equal to this).
import { describe, outputFields, type Field, type Fields, type ResourceModel, type TypeSpec } from "./define";

function typeName(spec: TypeSpec): string {
  if (typeof spec === "string") return spec;
  if (spec.kind === "array") return `${typeName(spec.items)}[]`;
  return `[${spec.name}](#${spec.name.toLowerCase()})`;
}

function notes(field: Field, fallback?: Field): string {
  return [
    describe(field, fallback),
    field.default !== undefined && `Default: \`${JSON.stringify(field.default)}\`.`,
    field.providerOnly && "Read by the provider only, never sent to the API.",
    field.secret && "Secret.",
  ]
    .filter(Boolean)
    .join(" ");
}

function table(fields: Fields, fallback: Fields = {}): string[] {
  const rows = Object.entries(fields).map(([name, field]) => {
    const required = !field.optional && field.default === undefined ? "yes" : "";
    return `| \`${name}\` | ${typeName(field.type)} | ${required} | ${notes(field, fallback[name]).replace(/\|/g, "\\|")} |`;
  });
  return ["| name | type | required | description |", "|---|---|---|---|", ...rows];
}

/** The named types `fields` use, each once, in the order first met. */
function namedTypes(fields: Fields, seen = new Map<string, Exclude<TypeSpec, string>>()): Map<string, Exclude<TypeSpec, string>> {
  const visit = (spec: TypeSpec): void => {
    if (typeof spec === "string") return;
    if (spec.kind === "array") return visit(spec.items);
    if (seen.has(spec.name)) return;
    seen.set(spec.name, spec);
    if (spec.kind === "object") namedTypes(spec.fields, seen);
  };
  Object.values(fields).forEach((field) => visit(field.type));
  return seen;
}

/** The generated parts of a resource's reference page, by the name of the markers around each
 * (`<!-- inputs:start -->` … `<!-- inputs:end -->`). */
export function referenceSections(model: ResourceModel): Record<"inputs" | "outputs", string> {
  const outputs = outputFields(model);
  const types: string[] = [];
  for (const [name, spec] of namedTypes(outputs, namedTypes(model.inputs))) {
    types.push("", `#### ${name}`, "");
    if (spec.kind === "enum") {
      types.push(`${spec.description} One of ${spec.values.map((v) => `\`${v}\``).join(", ")}.`);
    } else if (spec.kind === "object") {
      if (spec.description) types.push(spec.description, "");
      types.push(...table(spec.fields));
    }
  }
  return {
    inputs: table(model.inputs).join("\n"),
    outputs: [...table(outputs, model.inputs), "", "### Types", ...types].join("\n"),
  };
}

/** `page` with each marked section replaced by the generated one. */
export function withReference(page: string, model: ResourceModel): string {
  let result = page;
  for (const [name, text] of Object.entries(referenceSections(model))) {
    const start = `<!-- ${name}:start -->`;
    const end = `<!-- ${name}:end -->`;
    const from = result.indexOf(start);
    const to = result.indexOf(end);
    if (from < 0 || to < from) throw new Error(`the page has no ${start} … ${end} section`);
    result = `${result.slice(0, from + start.length)}\n<!-- Generated from the model; test/provider/reference.test.ts keeps it equal. -->\n${text}\n${result.slice(to)}`;
  }
  return result;
}
