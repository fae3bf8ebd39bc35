// The time zone in which the UI's messages format dates and times (docs/ui.md): the
// organization's, as the calendar of periods. One constant for next-intl on the server
// (i18n/request.ts) and the browser's formatter (i18n/client.tsx).
export const UI_TIME_ZONE = 'Europe/Moscow';
