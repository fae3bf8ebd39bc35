// Calendar days as 'YYYY-MM-DD' strings: the ranking's calendar module, plus the
// few helpers only the demo generator needs.
import { addDays, addMonths, diffDays, isoWeekday, isValidDay, todayIn } from '../ranking/period';

export { addDays, addMonths, todayIn };

/** Milliseconds since the epoch at UTC midnight; throws on anything that is not a real day. */
export function parseDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`Not a YYYY-MM-DD day: ${day}`);
  if (!isValidDay(day)) throw new Error(`No such day: ${day}`);
  return Date.parse(`${day}T00:00:00Z`);
}

export function daysBetween(from: string, to: string): number {
  return diffDays(from, to);
}

/** Monday = 0 … Sunday = 6. */
export function weekday(day: string): number {
  return isoWeekday(day) - 1;
}
