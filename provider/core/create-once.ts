// A create is a POST whose answer can be lost. The rule every resource follows (docs/reliability.md): a lost answer
// is looked up before the next POST, up to MAX_CREATE_POSTS; a conflict after a lost answer may be that earlier POST,
// carried out late, so the same lookup takes it; any other conflict is the resource's to settle (adopt or explain).
import { ApiError, OutcomeUnknownError } from "../client/errors";

/** POSTs one create may send: each after the one before lost its answer and a lookup found nothing. */
export const MAX_CREATE_POSTS = 3;

export interface Obtained<T> {
  value: T;
  /** An existing resource, to be reconciled to the inputs; false for one just created from them. */
  adopted: boolean;
}

export interface CreateOnce<T> {
  /** The POST. */
  post(): Promise<T>;
  /** Whether the API's error is this create's conflict (the resource, or what it claims, exists already). */
  isConflict(error: ApiError): boolean;
  /** After a lost answer: the resource identical to the declaration that POST may have made, if any. */
  findCreated(): Promise<T | undefined>;
  /** A conflict no lost POST of ours explains: adopt the holder when allowed, or throw saying what holds it. */
  onConflict(conflict: ApiError): Promise<Obtained<T>>;
  /** The fix an unknown outcome ends with after the last POST. */
  lostFix: string;
}

export async function createOnce<T>(spec: CreateOnce<T>): Promise<Obtained<T>> {
  let answerLost = false;
  for (let posts = 1; ; posts++) {
    try {
      return { value: await spec.post(), adopted: false };
    } catch (error) {
      const unknown = error instanceof OutcomeUnknownError;
      const conflict = error instanceof ApiError && spec.isConflict(error);
      if ((unknown && posts < MAX_CREATE_POSTS) || (conflict && answerLost)) {
        answerLost = true;
        const created = await spec.findCreated();
        if (created) return { value: created, adopted: false };
        if (unknown) continue;
      }
      if (conflict) return spec.onConflict(error as ApiError);
      if (unknown) throw error.withFix(spec.lostFix);
      throw error;
    }
  }
}
