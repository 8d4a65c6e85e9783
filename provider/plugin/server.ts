// The `itwin` resource provider: Pulumi's provider gRPC protocol served over the same StorageConnection lifecycle
// and client as the dynamic provider. Written against the generated bindings because `pulumi.provider.main` of the
// pinned SDK cannot serve it (see docs/plugin.md): it drops Configure's settings, has no CheckConfig/DiffConfig,
// loses detailedDiff, stables, timeouts and preview, and fails in Read when import sends only an id.
import * as grpc from "@grpc/grpc-js";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { ResourceInitError } from "../core/verbs";
import { ItwinProvider } from "./provider";
import { toStruct } from "./values";


/** An error as gRPC status; a connection that exists despite the failure travels as ErrorResourceInitFailed. */
function toStatus(error: unknown): Partial<grpc.StatusObject> {
  const message = error instanceof Error ? error.message : String(error);
  const metadata = new grpc.Metadata();
  if (error instanceof ResourceInitError) {
    const detail = new provproto.ErrorResourceInitFailed()
      .setId(error.id)
      .setProperties(toStruct(error.properties))
      .setReasonsList(error.reasons);
    const any = new Any();
    any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status().setCode(grpc.status.UNKNOWN).setMessage(message).setDetailsList([any]);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

/** A gRPC unary handler that answers with `method`'s result, or with its error as a status. */
function unary<Req, Res>(method: (req: Req) => Res | Promise<Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => method(call.request))
      .then(
        (response) => callback(null, response),
        (error) => callback(toStatus(error), null),
      );
  };
}

/** The gRPC service over `provider`; RPCs it does not serve answer UNIMPLEMENTED (grpc-js's default). */
export function service(p: ItwinProvider): grpc.UntypedServiceImplementation {
  return {
    getPluginInfo: unary(() => p.getPluginInfo()),
    getSchema: unary((r: provproto.GetSchemaRequest) => p.getSchema(r)),
    checkConfig: unary((r: provproto.CheckRequest) => p.checkConfig(r)),
    diffConfig: unary((r: provproto.DiffRequest) => p.diffConfig(r)),
    configure: unary((r: provproto.ConfigureRequest) => p.configure(r)),
    check: unary((r: provproto.CheckRequest) => p.check(r)),
    diff: unary((r: provproto.DiffRequest) => p.diff(r)),
    create: unary((r: provproto.CreateRequest) => p.create(r)),
    read: unary((r: provproto.ReadRequest) => p.read(r)),
    update: unary((r: provproto.UpdateRequest) => p.update(r)),
    delete: unary((r: provproto.DeleteRequest) => p.delete(r)),
    invoke: unary((r: provproto.InvokeRequest) => p.invoke(r)),
    cancel: unary(() => p.cancel()),
  };
}

/** Serves a new provider on a free loopback port and resolves to the port and the server. */
export async function serve(provider = new ItwinProvider()): Promise<{ port: number; server: grpc.Server }> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  server.addService(provrpc.ResourceProviderService, service(provider));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, p) => (error ? reject(error) : resolve(p))),
  );
  return { port, server };
}
