/** What every admin form action answers; the token of a credential never appears here. */
export interface ActionResult {
  ok: boolean;
  message?: string;
  field?: string;
  /** A one-time link to show to the admin (invitation or password reset). */
  link?: string;
}

export const initialResult: ActionResult = { ok: true };
