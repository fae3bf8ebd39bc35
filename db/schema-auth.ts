// Tables added by the auth migration (db/migrations/*-auth.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuthTables {}
