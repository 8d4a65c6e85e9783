// F, the engine's floor: the same fleet as a dynamic resource whose provider does nothing (no check, no diff, no
// call), so what remains is the engine, the language host, the dynamic-provider host and the state backend.
import * as pulumi from "@pulumi/pulumi";
import { fleet, FLEET_CONFIG } from "../../fleet";

const noop: pulumi.dynamic.ResourceProvider = {
  create: async (inputs) => ({ id: inputs.iModelId, outs: inputs }),
  read: async (id, props) => ({ id, props }),
  update: async (_id, _olds, news) => ({ outs: news }),
  delete: async () => {},
};

class Floor extends pulumi.dynamic.Resource {
  constructor(name: string, args: pulumi.Inputs) {
    super(noop, name, args, undefined, "bench", "Floor");
  }
}

const config = new pulumi.Config(FLEET_CONFIG.namespace);
for (const { name, ...args } of fleet(config.requireNumber(FLEET_CONFIG.count), config.getNumber(FLEET_CONFIG.renamed))) {
  new Floor(name, args);
}
