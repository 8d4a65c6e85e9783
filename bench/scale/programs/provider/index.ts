// P: the fleet through the provider.
import * as pulumi from "@pulumi/pulumi";
import { StorageConnection } from "itwin-sync-pulumi";
import { fleet, FLEET_CONFIG } from "../../fleet";

const config = new pulumi.Config(FLEET_CONFIG.namespace);
for (const { name, ...args } of fleet(config.requireNumber(FLEET_CONFIG.count), config.getNumber(FLEET_CONFIG.renamed))) {
  new StorageConnection(name, args);
}
