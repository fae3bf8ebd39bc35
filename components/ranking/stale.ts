/**
 * When the newest data counts as stale: its day ended more than `thresholdHours`
 * before `nowIso` (yesterday's data is normal). Returns the end of that day, or
 * null when the data is fresh or unknown. Apart from stale-banner.tsx so the
 * ranking loads the banner only when it shows.
 */
export function staleDataEnd(lastDataDay: string | null, nowIso: string, thresholdHours = 72): Date | null {
  // "now" comes from the server render, so server and client agree (no layout shift).
  const now = new Date(nowIso);
  if (!lastDataDay || Number.isNaN(now.getTime())) return null;
  // A day's data is complete at the end of that day.
  const end = new Date(`${lastDataDay}T21:00:00Z`);
  return (now.getTime() - end.getTime()) / 3_600_000 > thresholdHours ? end : null;
}
