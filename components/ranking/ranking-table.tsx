'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { AppLink } from '@/components/ui/app-link';
import type { ReactNode } from 'react';
import type { ComponentValue, DataSensitivity, RankingRow } from '@/lib/api/schemas';
import { COMPONENT_COLORS } from '@/lib/charts/component-colors';
import { contributionSegments } from '@/lib/charts/contribution';
import { formatFixed, formatNumber } from '@/lib/format/number';
import type { SortDir, SortKey } from '@/lib/query/ranking-state';
import type { ComponentId } from '@/lib/ranking/method';
import { RankChange } from '@/components/ui/rank-change';
import { Num } from '@/components/ui/num';
import { Tip } from '@/components/ui/tip';
import { useRankingTexts } from './texts';
import { sortRows } from '@/lib/ranking/sort-rows';
import { RankRange, TopClassBadge, topClassOf } from './uncertainty-note';

const comp = (row: RankingRow, id: ComponentId): ComponentValue | undefined => row.detail?.components.find((c) => c.id === id);
const compValue = (row: RankingRow, id: ComponentId) => comp(row, id)?.value ?? null;

function SortHeader({
  col,
  label,
  sort,
  dir,
  onSort,
  num,
  extra,
}: {
  col: SortKey;
  label: string;
  sort: SortKey;
  dir: SortDir;
  onSort: (k: SortKey) => void;
  num?: boolean;
  extra?: ReactNode;
}) {
  const t = useTranslations('ranking');
  const active = sort === col;
  return (
    <th scope="col" className={num ? 'num' : undefined} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="sort-btn" onClick={() => onSort(col)} title={t('sortBy', { col: label })} data-sort={col}>
        {label}
        {'\u00a0'}
        <span className="sort-ind" aria-hidden="true">
          {active ? (dir === 'asc' ? '▲' : '▼') : '↕'}
        </span>
      </button>
      {extra}
    </th>
  );
}

function ScoreBar({ row }: { row: RankingRow }) {
  const t = useTranslations();
  const locale = useLocale();
  if (!row.detail) return null;
  const segs = contributionSegments(row.detail.components);
  const label = segs.map((s) => `${t(`componentsShort.${s.id as ComponentId}`)} ${formatNumber(s.points, locale, 1)}`).join(', ');
  return (
    <span className="bar" role="img" aria-label={label} title={label}>
      {segs.map((s) => (
        <span key={s.id} style={{ width: `${s.width * 100}%`, background: COMPONENT_COLORS[s.id as ComponentId] }} />
      ))}
    </span>
  );
}

function Flags({ row }: { row: RankingRow }) {
  const { flag } = useRankingTexts();
  const t = useTranslations('flags.short');
  const tag = useTranslations('flags.tag');
  const flags = row.detail?.flags ?? [];
  if (flags.length === 0) return null;
  const icon = { follower_jump: '⇡', drop_to_zero: '↧', data_gap: '⋯' } as const;
  return (
    <span className="flags">
      {flags.slice(0, 4).map((f, i) => (
        <Tip key={i} id={`flag-${row.branch.id}-${i}`} label={`${tag(f.kind)} — ${t(f.kind)}: ${flag(f)}`} tip={flag(f)} align="right">
          {/* The sign with a word (docs/ui.md, "Status signs"): readable without hovering. */}
          <span className="flag-icon" aria-hidden="true">
            {icon[f.kind]} {tag(f.kind)}
          </span>
        </Tip>
      ))}
      {flags.length > 4 && <span className="small muted">+{flags.length - 4}</span>}
    </span>
  );
}

export interface TableProps {
  rows: RankingRow[];
  sort: SortKey;
  dir: SortDir;
  onSort: (k: SortKey) => void;
  ownBranchId: number | null;
  /** Whether detail columns are shown (not for coordinators, who see only names, ranks and scores of others). */
  detailColumns: boolean;
  hrefFor: (row: RankingRow) => string | null;
  caption: string;
  /** The engagement variant the method's score uses: the ER column shows that one. */
  engagement?: 'by_views' | 'by_followers';
  /** The score's cap on posts per week (the column shows the real number). */
  activityCap?: number;
  /** Who is clearly in the top three and who is within noise of it. */
  uncertainty?: DataSensitivity | null;
  /** "Targets met n of m" by branch id (only branches the viewer sees in full); the column shows when there is any. */
  targetsMet?: Record<string, { met: number; of: number }>;
}

export function RankingTable({
  rows,
  sort,
  dir,
  onSort,
  ownBranchId,
  detailColumns,
  hrefFor,
  caption,
  engagement = 'by_views',
  activityCap,
  uncertainty,
  targetsMet,
}: TableProps) {
  const t = useTranslations();
  const locale = useLocale();
  const sorted = sortRows(rows, sort, dir, locale);
  const h = (col: SortKey, label: string, num = true, extra?: ReactNode) => (
    <SortHeader col={col} label={label} sort={sort} dir={dir} onSort={onSort} num={num} extra={extra} />
  );
  const notMeasured = t('missing.notMeasured');
  const showTargets = targetsMet !== undefined && Object.keys(targetsMet).length > 0;
  return (
    <div className="table-wrap">
      <table className="data" data-testid="ranking-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {h('rank', t('ranking.cols.rank'))}
            {detailColumns && h('change', t('ranking.cols.change'))}
            {h('branch', t('ranking.cols.branch'), false)}
            {h(
              'score',
              t('ranking.cols.score'),
              true,
              <a href="/methodology" className="info-link" aria-label={t('ranking.methodology')} title={t('ranking.methodology')}>
                ?
              </a>,
            )}
            {showTargets && (
              <th scope="col" className="num">
                <Tip id="targets-met" label={t('targets.metHint')} tip={t('targets.metHint')} align="right">
                  <span>{t('targets.met')}</span>
                </Tip>
              </th>
            )}
            {detailColumns && (
              <>
                {h('followers', t('ranking.cols.followers'))}
                {h('views', t('ranking.cols.views'))}
                {h('er', engagement === 'by_followers' ? t('ranking.cols.erByFollowers') : t('ranking.cols.er'))}
                {h(
                  'posts',
                  t('ranking.cols.posts'),
                  true,
                  activityCap ? (
                    <Tip
                      id="posts-cap"
                      label={t('ranking.postsTitle', { cap: activityCap })}
                      tip={t('ranking.postsTitle', { cap: activityCap })}
                      align="right"
                    >
                      <span className="info-link" aria-hidden="true">
                        i
                      </span>
                    </Tip>
                  ) : undefined,
                )}
                {h('coverage', t('ranking.cols.coverage'))}
                {h('flags', t('ranking.cols.flags'), false)}
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const own = row.branch.id === ownBranchId;
            const href = hrefFor(row);
            const name = locale === 'en' ? row.branch.nameEn : row.branch.name;
            return (
              <tr key={row.branch.id} className={own ? 'own' : undefined} data-testid="ranking-row" data-slug={row.branch.slug}>
                <td className="num rank-cell">
                  {row.rank} <RankRange range={row.rankRange} />
                </td>
                {detailColumns && (
                  <td className="num">
                    <RankChange change={row.change} />
                  </td>
                )}
                <td className="branch-cell">
                  {href ? <AppLink href={href}>{name}</AppLink> : <span>{name}</span>}
                  {own && <span className="badge own-tag">★ {t('ranking.you')}</span>}
                  <TopClassBadge kind={topClassOf(uncertainty, row.branch.id)} />
                </td>
                <td className="num score-cell">
                  {formatFixed(row.score, locale, 1)}
                  {detailColumns && <ScoreBar row={row} />}
                </td>
                {showTargets && (
                  <td className="num" data-testid="targets-met">
                    {targetsMet?.[String(row.branch.id)] ? t('targets.metOf', targetsMet[String(row.branch.id)]) : '—'}
                  </td>
                )}
                {detailColumns && (
                  <>
                    <td className="num">
                      <Num
                        value={compValue(row, 'followers_per_100k')}
                        kind="integer"
                        missing={row.detail ? notMeasured : t('missing.hidden')}
                      />
                    </td>
                    <td className="num">
                      <Num
                        value={compValue(row, 'views_per_100k')}
                        kind="integer"
                        missing={row.detail ? notMeasured : t('missing.hidden')}
                      />
                    </td>
                    <td className="num">
                      <Num
                        value={compValue(row, 'engagement_rate')}
                        kind="percent"
                        missing={row.detail ? notMeasured : t('missing.hidden')}
                      />
                    </td>
                    <td className="num">
                      <Num value={row.figures?.postsPerWeek ?? null} missing={row.detail ? notMeasured : t('missing.hidden')} />
                    </td>
                    <td className="num">
                      <Num value={row.detail?.coverage ?? null} kind="share" missing={t('missing.hidden')} />
                    </td>
                    <td>
                      <Flags row={row} />
                    </td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function IneligibleTable({
  rows,
  ownBranchId,
  hrefFor,
}: {
  rows: RankingRow[];
  ownBranchId: number | null;
  hrefFor: (row: RankingRow) => string | null;
}) {
  const t = useTranslations();
  const locale = useLocale();
  const { ineligible } = useRankingTexts();
  if (rows.length === 0) return null;
  return (
    <section className="ineligible-section section" aria-labelledby="inel-h">
      <h2 id="inel-h">
        {t('ranking.ineligible')} <span className="small">({t('ranking.count', { count: rows.length })})</span>
      </h2>
      <p className="small muted" style={{ marginTop: -6 }}>
        {t('ranking.ineligibleHelp')}
      </p>
      <div className="table-wrap">
        <table className="data" data-testid="ineligible-table">
          <thead>
            <tr>
              <th scope="col">{t('ranking.cols.branch')}</th>
              <th scope="col">{t('ranking.cols.reason')}</th>
              <th scope="col" className="num">
                {t('ranking.cols.coverage')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const href = hrefFor(row);
              const name = locale === 'en' ? row.branch.nameEn : row.branch.name;
              const own = row.branch.id === ownBranchId;
              return (
                <tr key={row.branch.id} className={own ? 'own' : undefined}>
                  <td className="branch-cell">
                    {href ? <AppLink href={href}>{name}</AppLink> : name}
                    {own && <span className="badge own-tag">★ {t('ranking.you')}</span>}
                  </td>
                  <td>{row.detail ? ineligible(row.detail.eligibility) : t('missing.notRanked')}</td>
                  <td className="num">
                    <Num value={row.detail?.coverage ?? null} kind="share" missing={t('missing.hidden')} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function TableSkeleton({ rows = 12, cols = 10 }: { rows?: number; cols?: number }) {
  return (
    <div className="table-wrap" aria-hidden="true">
      <table className="data">
        <thead>
          <tr>
            {Array.from({ length: cols }, (_, i) => (
              <th key={i}>
                <span className="skeleton skeleton-line" style={{ display: 'block', width: 48 }} />
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, r) => (
            <tr key={r}>
              {Array.from({ length: cols }, (_, i) => (
                <td key={i}>
                  <span className="skeleton skeleton-line" style={{ display: 'block', width: i === 2 ? 160 : 44 }} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
