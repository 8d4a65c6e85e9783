// StorageConnections declared through the `itwin` plugin's resource type (no generated SDK: CustomResource with the
// type token), from the list in config `test:connections`, as `pulumi import` wrote them.
import * as pulumi from "@pulumi/pulumi";

interface Declared {
  name: string;
  args: Record<string, unknown>;
  /** As `pulumi import` writes it into the declaration it generates. */
  protect?: boolean;
  customTimeouts?: pulumi.CustomTimeouts;
}

const declared: Declared[] = new pulumi.Config("test").getObject<Declared[]>("connections") ?? [];
export const ids = Object.fromEntries(
  declared.map(({ name, args, protect, customTimeouts }) => [
    name,
    new pulumi.CustomResource("itwin:index:StorageConnection", name, args, { protect, customTimeouts }).id,
  ]),
);
