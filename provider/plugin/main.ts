// `pulumi-resource-itwin`: the engine starts this with its address as the argument and reads the port from stdout.
import { serve } from "./server";

serve().then(
  ({ port }) => console.log(String(port)),
  (error) => {
    console.error(`pulumi-resource-itwin: could not start: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
