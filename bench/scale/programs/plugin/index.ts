// N: the fleet through the native `itwin` provider plugin (the second front door; no serialized provider in state).
import * as pulumi from "@pulumi/pulumi";
import { fleet, FLEET_CONFIG } from "../../fleet";

const config = new pulumi.Config(FLEET_CONFIG.namespace);
for (const { name, ...args } of fleet(config.requireNumber(FLEET_CONFIG.count), config.getNumber(FLEET_CONFIG.renamed))) {
  new pulumi.CustomResource("itwin:index:StorageConnection", name, args);
}
