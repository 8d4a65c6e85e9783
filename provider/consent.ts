// What a `User` connection's run needs before it can run: its user's consent. When a run fails for want of it, the
// error says where that user consents.
import { RUN_ERROR } from "../api/contract";
import type { AuthenticationType } from "../api/types";
import type { LastRun } from "./storage-connection/model";
import type { SyncClient } from "./client/sync-client";

/** Where the browser lands once the user has consented: Bentley's page of the API. */
export const CONSENT_REDIRECT_URL = "https://developer.bentley.com/apis/synchronization/";

/** For a `User` connection's run that failed for want of consent: the sentence naming the URL to open; else "". */
export async function consentHint(client: SyncClient, run: LastRun, authenticationType: AuthenticationType | undefined): Promise<string> {
  if (run.error?.errorKey !== RUN_ERROR.userNotAuthenticated.errorKey || authenticationType === "Service") return "";
  const fix = "runs started after that succeed (with runOnChange, the next change of sourceFiles starts one)";
  try {
    const info = await client.getAuthorizationInformation(CONSENT_REDIRECT_URL);
    if (info.isUserAuthorized) return `. The user has consented since; ${fix}`;
    return (
      `. A User connection runs on its user's behalf, and that user has not consented yet: ` +
      `open ${info._links.authorizationUrl.href} signed in as that user to consent; ${fix}. Or set authenticationType: "Service"`
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `. A User connection needs its user's consent; getAuthorizationInformation gives the URL (asking now failed: ${reason})`;
  }
}
