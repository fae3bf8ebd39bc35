// Tables added by the collect migration (db/migrations/*-collect.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CollectTables {}
