// The dynamic front door: what the serialized provider loads inside Pulumi's dynamic-provider process, translating
// the dynamic host's calls to the lifecycles' plain requests and back. Settings arrive through `configure` (the
// stack's config, secrets decrypted) and live only in this process's memory.
import type * as pulumi from "@pulumi/pulumi";
import type { SyncClient } from "./client/sync-client";
import { ProviderContext } from "./context";
import { resourceName } from "./model/define";
import { ResourceInitError, type AnyLifecycle } from "./core/verbs";
import { lifecycles } from "./resources";

const context = new ProviderContext();

export async function configure(req: pulumi.dynamic.ConfigureRequest): Promise<void> {
  context.configure((name) => req.config.get(`itwin:${name}`));
}

/** The client the stack's settings make. Besides StorageConnections, dynamic resources of other iTwin platform APIs
 * call through it (examples/platform's IModel), so one set of settings, retries and token cache serves them all. */
export function apiClient(): SyncClient {
  return context.client();
}

/** What the serialized provider's `handler()` returns to the dynamic-provider host, by resource name. */
export const dynamicProviders: Record<string, pulumi.dynamic.ResourceProvider> = Object.fromEntries(
  [...lifecycles(context).values()].map((lifecycle) => [resourceName(lifecycle.model), dynamicProvider(lifecycle)]),
);

/** By the name every StorageConnection's recorded `__provider` text loads (dynamic-provider.ts). */
export const storageConnectionProvider = dynamicProviders.StorageConnection;

type Props = Record<string, any>;

function dynamicProvider(lifecycle: AnyLifecycle): pulumi.dynamic.ResourceProvider {
  return {
    configure,
    check: (olds, news) => oneLine(lifecycle.check({ olds, news })),
    diff: async (id, olds, news) => {
      const { replaces, updates, stables } = lifecycle.diff({ id, olds, news });
      return { changes: replaces.length + updates.length > 0, replaces, stables, deleteBeforeReplace: false };
    },
    create: async (inputs: Props) => {
      const { id, outputs } = await oneLine(withProvider(lifecycle.create({ inputs }), inputs));
      return { id, outs: outputs };
    },
    read: async (id, props: Props) => {
      const result = await oneLine(lifecycle.read({ id, state: props }));
      // No result: gone, and an empty answer drops it from state.
      return result ? { id: result.id, props: result.outputs, inputs: result.inputs } : {};
    },
    update: async (id, olds: Props, news: Props) => {
      const { outputs } = await oneLine(withProvider(lifecycle.update({ id, olds, news }), news));
      return { outs: outputs };
    },
    delete: (id, props: Props) => oneLine(lifecycle.delete({ id, olds: props })),
  };
}

/** The host does not add the serialized provider to a failed step's outputs; without it the next step could not load
 * one, so the outputs of a resource left in state carry the inputs' `__provider`. */
async function withProvider<T>(step: Promise<T>, inputs: Props): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (!(error instanceof ResourceInitError)) throw error;
    throw new ResourceInitError(error.message, error.id, { ...error.properties, __provider: inputs.__provider }, error.cause);
  }
}

/**
 * The dynamic-provider host reports a failed check, diff, read or delete with the error's message and also prints
 * `${error}: ${error.stack}` to the stack's diagnostics. Our messages say all there is to say: make that print the
 * one line `Name: message`, with no JavaScript frames.
 */
async function oneLine<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Error) {
      error.stack = error.message;
      Object.defineProperty(error, "toString", { value: () => error.name });
    }
    throw error;
  }
}
