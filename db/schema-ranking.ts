// Tables added by the ranking migration (db/migrations/*-ranking.ts).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RankingTables {}
