// A dynamic resource whose real effect is a file on disk: proves the CLI, the Node.js language host and the
// dynamic-provider plugin work together (up creates the file, refresh reads it, destroy removes it).
import * as pulumi from "@pulumi/pulumi";

const marker: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    require("node:fs").writeFileSync(inputs.path, inputs.content);
    return { id: inputs.path, outs: inputs };
  },
  async read(id, props) {
    const fs = require("node:fs");
    return fs.existsSync(id) ? { id, props: { ...props, content: fs.readFileSync(id, "utf8") } } : {};
  },
  async delete(id) {
    require("node:fs").rmSync(id, { force: true });
  },
};

class Marker extends pulumi.dynamic.Resource {
  declare readonly content: pulumi.Output<string>;
  constructor(name: string, args: { path: string; content: string }) {
    super(marker, name, args, {});
  }
}

const config = new pulumi.Config();
const file = new Marker("marker", { path: config.require("path"), content: "written by pulumi up" });
export const content = file.content;
