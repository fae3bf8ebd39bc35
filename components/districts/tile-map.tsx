'use client';

import { useLocale, useTranslations } from '@/i18n/client';
import { useRef, useState, type KeyboardEvent } from 'react';
import { neighbour, GRID_COLS, TILE_GRID, type Direction } from '@/lib/districts/tile-grid';
import type { DistrictView } from '@/lib/districts/schema';
import { tierOf } from '@/lib/districts/tiers';
import { TIER_COLORS, tileText } from './tiers';

const KEYS: Record<string, Direction> = { ArrowUp: 'up', ArrowDown: 'down', ArrowLeft: 'left', ArrowRight: 'right' };

/**
 * The tile-grid map: one square per region on an approximate geographic grid
 * (lib/districts/tile-grid.ts). One tile is in the tab order at a time; arrow
 * keys move between tiles; each tile's name says region, value with unit and
 * period. Choosing a tile shows its details below the map.
 */
export function TileMap({
  view,
  describe,
  periodLabel,
}: {
  view: DistrictView;
  describe: (r: DistrictView['regions'][number]) => string;
  periodLabel: string;
}) {
  const t = useTranslations('districtView');
  const locale = useLocale();
  const regions = view.regions.filter((r) => TILE_GRID.has(r.code));
  const tiles = regions.map((r) => TILE_GRID.get(r.code)!);
  const [focus, setFocus] = useState(() =>
    Math.max(
      0,
      regions.findIndex((r) => r.code === 'RU-MOW'),
    ),
  );
  const [chosen, setChosen] = useState<number | null>(null);
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, i: number) => {
    const dir = KEYS[e.key];
    if (!dir) return;
    e.preventDefault();
    const j = neighbour(tiles, i, dir);
    if (j === null) return;
    setFocus(j);
    refs.current[j]?.focus();
  };
  const picked = chosen === null ? null : regions[chosen];
  return (
    <div>
      <div
        className="tile-map"
        role="group"
        aria-label={t('mapLabel', { metric: t(`metric.${view.metric}`), period: periodLabel })}
        style={{ gridTemplateColumns: `repeat(${GRID_COLS}, minmax(0, 1fr))` }}
        data-testid="tile-map"
      >
        {regions.map((r, i) => {
          const tier = r.hidden ? null : tierOf(r.value, view.thresholds);
          const label = describe(r);
          return (
            <button
              key={r.code}
              ref={(el) => {
                refs.current[i] = el;
              }}
              type="button"
              className={`tile${r.hidden ? ' tile-hidden' : ''}${chosen === i ? ' tile-chosen' : ''}`}
              style={{
                gridRow: tiles[i].row + 1,
                gridColumn: tiles[i].col + 1,
                background: tier === null ? undefined : TIER_COLORS[tier],
                color: tier === null ? undefined : tileText(tier),
              }}
              tabIndex={i === focus ? 0 : -1}
              aria-label={label}
              title={label}
              aria-pressed={chosen === i}
              data-code={r.code}
              onFocus={() => setFocus(i)}
              onKeyDown={(e) => onKey(e, i)}
              onClick={() => setChosen(chosen === i ? null : i)}
              data-abbr={r.code.slice(3)}
            />
          );
        })}
      </div>
      <p className="small tile-detail" aria-live="polite" data-testid="tile-detail">
        {picked ? (
          <>
            <strong>{locale === 'en' ? picked.nameEn : picked.name}</strong> · {describe(picked).split(' — ').slice(1).join(' — ')}
          </>
        ) : (
          <span className="muted">{t('mapHint')}</span>
        )}
      </p>
    </div>
  );
}
