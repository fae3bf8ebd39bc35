import type { TargetCsvIssue } from './csv';

/**
 * What a targets action answers. `message` is "OK", "Sign in required",
 * "Forbidden" or an error code (targets.errors in messages); the form puts it
 * into words in the UI language, with the field or the CSV's line and column.
 */
export interface TargetActionResult {
  ok: boolean;
  message?: string;
  field?: string;
  /** Rows written by an upload. */
  count?: number;
  issues?: TargetCsvIssue[];
  /** Problems beyond those listed. */
  more?: number;
}
