// A tile-grid map of Russia (docs/ui.md, "Districts"): one square per region of
// ISO 3166-2:RU (the 83 of lib/demo/regions.ts), hand-placed on an approximate
// geographic grid — north at the top, west on the left; neighbours stay close
// but no shape is exact. Pure data: no geodata, nothing fetched.

export interface TilePos {
  row: number;
  col: number;
}

// Row by row, west to east: [region code, column].
const ROWS: [string, number][][] = [
  [
    ['RU-MUR', 3],
    ['RU-CHU', 16],
  ],
  [
    ['RU-KR', 3],
    ['RU-ARK', 4],
    ['RU-NEN', 5],
    ['RU-KO', 6],
    ['RU-YAN', 8],
    ['RU-KYA', 10],
    ['RU-SA', 12],
    ['RU-MAG', 14],
    ['RU-KAM', 16],
  ],
  [
    ['RU-SPE', 2],
    ['RU-LEN', 3],
    ['RU-VLG', 4],
    ['RU-KIR', 5],
    ['RU-PER', 6],
    ['RU-KHM', 8],
    ['RU-TOM', 9],
    ['RU-IRK', 11],
    ['RU-ZAB', 12],
    ['RU-AMU', 13],
    ['RU-KHA', 14],
    ['RU-SAK', 16],
  ],
  [
    ['RU-KGD', 0],
    ['RU-PSK', 1],
    ['RU-NGR', 2],
    ['RU-TVE', 3],
    ['RU-YAR', 4],
    ['RU-KOS', 5],
    ['RU-UD', 6],
    ['RU-SVE', 7],
    ['RU-TYU', 8],
    ['RU-NVS', 9],
    ['RU-KEM', 10],
    ['RU-BU', 11],
    ['RU-YEV', 13],
    ['RU-PRI', 14],
  ],
  [
    ['RU-SMO', 2],
    ['RU-MOW', 3],
    ['RU-MOS', 4],
    ['RU-IVA', 5],
    ['RU-ME', 6],
    ['RU-BA', 7],
    ['RU-KGN', 8],
    ['RU-OMS', 9],
    ['RU-ALT', 10],
    ['RU-KK', 11],
    ['RU-TY', 12],
  ],
  [
    ['RU-BRY', 2],
    ['RU-KLU', 3],
    ['RU-TUL', 4],
    ['RU-VLA', 5],
    ['RU-CU', 6],
    ['RU-TA', 7],
    ['RU-CHE', 8],
    ['RU-AL', 10],
  ],
  [
    ['RU-KRS', 2],
    ['RU-ORL', 3],
    ['RU-RYA', 4],
    ['RU-NIZ', 5],
    ['RU-ULY', 6],
    ['RU-SAM', 7],
    ['RU-ORE', 8],
  ],
  [
    ['RU-BEL', 2],
    ['RU-LIP', 3],
    ['RU-TAM', 4],
    ['RU-MO', 5],
    ['RU-PNZ', 6],
    ['RU-SAR', 7],
  ],
  [
    ['RU-VOR', 3],
    ['RU-VGG', 5],
    ['RU-AST', 6],
  ],
  [
    ['RU-KDA', 2],
    ['RU-ROS', 3],
    ['RU-KL', 5],
  ],
  [
    ['RU-AD', 2],
    ['RU-STA', 3],
  ],
  [
    ['RU-KC', 2],
    ['RU-KB', 3],
    ['RU-SE', 4],
    ['RU-IN', 5],
    ['RU-CE', 6],
    ['RU-DA', 7],
  ],
];

/** Region code → tile position. */
export const TILE_GRID: ReadonlyMap<string, TilePos> = new Map(
  ROWS.flatMap((row, r) => row.map(([code, col]) => [code, { row: r, col }] as const)),
);

export const GRID_ROWS = ROWS.length;
export const GRID_COLS = Math.max(...ROWS.flat().map(([, c]) => c)) + 1;

export type Direction = 'up' | 'down' | 'left' | 'right';

/**
 * The tile an arrow key moves to: the nearest tile in that direction, preferring
 * the same row (left/right) or column (up/down); null at the edge. Distance along
 * the direction counts once, sideways drift twice.
 */
export function neighbour(tiles: readonly TilePos[], from: number, dir: Direction): number | null {
  const a = tiles[from];
  if (!a) return null;
  let best: number | null = null;
  let bestCost = Infinity;
  tiles.forEach((b, i) => {
    if (i === from) return;
    const along = dir === 'right' ? b.col - a.col : dir === 'left' ? a.col - b.col : dir === 'down' ? b.row - a.row : a.row - b.row;
    if (along <= 0) return;
    const side = dir === 'left' || dir === 'right' ? Math.abs(b.row - a.row) : Math.abs(b.col - a.col);
    const cost = along + 2 * side;
    if (cost < bestCost || (cost === bestCost && best !== null && side < sideOf(tiles[best], a, dir))) {
      best = i;
      bestCost = cost;
    }
  });
  return best;
}

function sideOf(b: TilePos, a: TilePos, dir: Direction): number {
  return dir === 'left' || dir === 'right' ? Math.abs(b.row - a.row) : Math.abs(b.col - a.col);
}
