// One IModel through the dynamic class, protected (deleting it deletes its data) unless test:protect is false.
import * as pulumi from "@pulumi/pulumi";
import { IModel } from "itwin-sync-pulumi";

const config = new pulumi.Config("test");
const model = new IModel(
  "site",
  { iTwinId: config.require("iTwinId"), name: config.require("name"), description: config.get("description") },
  { protect: config.getBoolean("protect") ?? true },
);

export const id = model.id;
export const name = model.name;
export const description = model.description;
export const state = model.state;
export const createdDateTime = model.createdDateTime;
export const links = model.links;
