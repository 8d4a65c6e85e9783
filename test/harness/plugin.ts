// The `itwin` plugin served in this process and a typed gRPC client for it, as the engine would talk to it.
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { serve } from "../../provider/plugin/server";

export const URN = "urn:pulumi:test::itwin::itwin:index:StorageConnection::conn";

export interface PluginUnderTest {
  call<Req, Res>(method: keyof ResourceProviderClient, request: Req): Promise<Res>;
  close(): Promise<void>;
}

export async function startPlugin(): Promise<PluginUnderTest> {
  const { port, server } = await serve();
  const client = new ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return {
    call: <Req, Res>(method: keyof ResourceProviderClient, request: Req) =>
      new Promise<Res>((resolve, reject) =>
        (client[method] as unknown as (r: Req, cb: (e: grpc.ServiceError | null, r: Res) => void) => void).call(
          client,
          request,
          (error, response) => (error ? reject(error) : resolve(response)),
        ),
      ),
    close: async () => {
      client.close();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
    },
  };
}

export const struct = (value: object) => Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
export const empty = () => new Empty();
export { provproto };
