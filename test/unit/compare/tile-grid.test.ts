import { describe, expect, it } from 'vitest';
import { REGIONS } from '@/lib/demo/regions';
import { neighbour, TILE_GRID } from '@/lib/districts/tile-grid';

describe('tile grid of Russia', () => {
  it('places every one of the 83 regions once, on distinct squares', () => {
    expect(REGIONS).toHaveLength(83);
    expect(new Set(TILE_GRID.keys())).toEqual(new Set(REGIONS.map((r) => r.code)));
    const squares = [...TILE_GRID.values()].map((p) => `${p.row}:${p.col}`);
    expect(new Set(squares).size).toBe(83);
  });
  it('keeps geography roughly: Kaliningrad west of Moscow, Chukotka east of everything, Dagestan south of Moscow', () => {
    const at = (c: string) => TILE_GRID.get(c)!;
    expect(at('RU-KGD').col).toBeLessThan(at('RU-MOW').col);
    expect(Math.max(...[...TILE_GRID.values()].map((p) => p.col))).toBe(at('RU-CHU').col);
    expect(at('RU-DA').row).toBeGreaterThan(at('RU-MOW').row);
    expect(at('RU-MUR').row).toBeLessThan(at('RU-SPE').row);
  });
});

describe('arrow-key neighbours', () => {
  const tiles = [
    { row: 0, col: 0 },
    { row: 0, col: 2 },
    { row: 1, col: 1 },
    { row: 2, col: 0 },
  ];
  it('moves along the row or column first, then to the nearest tile sideways', () => {
    // From (0,0) right: (0,2) costs 2 along; (1,1) costs 1 along + 2×1 sideways = 3.
    expect(neighbour(tiles, 0, 'right')).toBe(1);
    // From (0,0) down: (2,0) costs 2; (1,1) costs 3.
    expect(neighbour(tiles, 0, 'down')).toBe(3);
    expect(neighbour(tiles, 3, 'up')).toBe(0);
    // A tie keeps the first in the list.
    expect(neighbour(tiles, 2, 'left')).toBe(0);
  });
  it('stops at the edge', () => {
    expect(neighbour(tiles, 0, 'left')).toBeNull();
    expect(neighbour(tiles, 0, 'up')).toBeNull();
    expect(neighbour(tiles, 9, 'up')).toBeNull();
  });
  it('reaches every tile of the real grid from Moscow with arrow keys', () => {
    const tiles = [...TILE_GRID.values()];
    const seen = new Set<number>([[...TILE_GRID.keys()].indexOf('RU-MOW')]);
    const queue = [...seen];
    while (queue.length) {
      const i = queue.shift()!;
      for (const d of ['up', 'down', 'left', 'right'] as const) {
        const j = neighbour(tiles, i, d);
        if (j !== null && !seen.has(j)) {
          seen.add(j);
          queue.push(j);
        }
      }
    }
    expect(seen.size).toBe(83);
  });
});
