// Resources declared through the `itwin` plugin's resource types (no generated SDK: CustomResource with the type
// token; StorageConnection unless `type` says), from the list in config `test:connections`, as `pulumi import` wrote them.
import * as pulumi from "@pulumi/pulumi";

interface Declared {
  type?: string;
  name: string;
  args: Record<string, unknown>;
  /** As `pulumi import` writes it into the declaration it generates. */
  protect?: boolean;
  customTimeouts?: pulumi.CustomTimeouts;
  /** Inputs passed as secrets. */
  secret?: string[];
}

const declared: Declared[] = new pulumi.Config("test").getObject<Declared[]>("connections") ?? [];
export const ids = Object.fromEntries(
  declared.map(({ type = "itwin:index:StorageConnection", name, args, protect, customTimeouts, secret = [] }) => [
    name,
    new pulumi.CustomResource(
      type,
      name,
      Object.fromEntries(Object.entries(args).map(([k, v]) => [k, secret.includes(k) ? pulumi.secret(v) : v])),
      { protect, customTimeouts },
    ).id,
  ]),
);
