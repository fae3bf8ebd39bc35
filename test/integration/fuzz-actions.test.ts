// Hostile input to every field of every server action (the files marked
// 'use server', found on disk): NUL bytes, 200 KB strings, numbers past 2^63,
// impossible dates, a field given twice, a file — never a thrown error (a 500),
// and no answer quotes more than a short prefix of what was sent.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { asRequest } from './auth-support';
import { actionFiles, ALL_FUZZ, checkText, ROOT, setUpFuzz, show, tearDownFuzz, TWICE, type FuzzFixture } from './fuzz-support';

vi.mock('next/headers', async () => (await import('./auth-support')).nextHeadersMock);
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

let f: FuzzFixture;
beforeAll(async () => {
  f = await setUpFuzz();
});
afterAll(async () => {
  await tearDownFuzz(f);
});

function baseFields(): Record<string, string> {
  return {
    id: '2147483000',
    userId: f.dummyUserId,
    credential: '',
    email: `fuzz-${Math.random().toString(36).slice(2)}@f.test`,
    name: 'Fuzz',
    role: 'central',
    branch: 'alpha',
    password: 'long-enough-password',
    confirm: 'long-enough-password',
    mode: 'reactivate',
    slug: `fz-${Math.random().toString(36).slice(2, 10)}`,
    name_en: 'Fuzz',
    region_code: 'RU-ZZ',
    federal_district: 'volga',
    population: '1000',
    url: 'https://vk.com/club1',
    network: 'vk',
    title: 'Fuzz',
    label: 'fuzz',
    token: 'fuzz-token-123456',
    config: 'counter_id=1',
    key: 'fuzz',
    definition: '{"weights":{"views_per_100k":1}}',
    notes: 'fuzz',
    // Targets (app/targets/actions.ts).
    metric: 'posts_per_week',
    from: '2026-10-01',
    to: '2026-12-31',
    value: '4',
    file: 'branch,metric,from,to,value\nalpha,posts_per_week,2026-10-01,2026-12-31,4\n',
    // Platform breaks (app/admin/actions.ts) read from and to above, and a note.
    note: 'fuzz',
  };
}

/** A FormData that notes which fields an action reads. */
class RecordingFormData extends FormData {
  constructor(readonly seen: Set<string>) {
    super();
  }
  override get(name: string) {
    this.seen.add(name);
    return super.get(name);
  }
  override getAll(name: string) {
    this.seen.add(name);
    return super.getAll(name);
  }
  override has(name: string) {
    this.seen.add(name);
    return super.has(name);
  }
}

type Action = (prev: unknown, d: FormData) => Promise<{ ok: boolean; message?: string; field?: string }>;

async function callAction(
  fn: Action,
  fields: Record<string, string | string[]>,
): Promise<{ ok: boolean; message?: string } | { threw: string }> {
  const d = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) d.append(k, x);
  asRequest(f.adminCookie);
  try {
    return await fn({ ok: true }, d);
  } catch (e) {
    const digest = String((e as { digest?: string }).digest ?? '');
    // A redirect is a normal answer of an action (e.g. after set-up).
    if (digest.startsWith('NEXT_REDIRECT')) return { ok: true, message: 'redirect' };
    return { threw: `${(e as Error).message}`.slice(0, 300) };
  }
}

describe('server actions', () => {
  it('found the files', () => expect(actionFiles).toContain('app/admin/actions.ts'));

  it.each(actionFiles)('%s: every field of every action, never a thrown error', { timeout: 600_000 }, async (file) => {
    const mod = (await import(path.join(ROOT, file))) as Record<string, unknown>;
    const actions = Object.entries(mod).filter(([, v]) => typeof v === 'function') as [string, Action][];
    expect(actions.length).toBeGreaterThan(0);
    const failures: string[] = [];
    let calls = 0;
    for (const [name, fn] of actions) {
      const seen = new Set<string>();
      asRequest(f.adminCookie);
      try {
        await fn({ ok: true }, new RecordingFormData(seen));
      } catch {
        // only the field names matter here
      }
      // An action that reads no field still gets a hostile one it does not expect.
      if (seen.size === 0) seen.add('unexpected');
      for (const key of seen) {
        for (const v of [...ALL_FUZZ, 'file' as const]) {
          const fields: Record<string, string | string[]> = {};
          for (const k of seen) fields[k] = baseFields()[k] ?? '';
          let r;
          if (v === 'file') {
            const d = new FormData();
            for (const [k, x] of Object.entries(fields)) if (k !== key) d.append(k, x as string);
            d.append(key, new Blob(['x']), 'x.txt');
            asRequest(f.adminCookie);
            r = await fn({ ok: true }, d).catch((e: unknown) => ({ threw: String((e as Error).message).slice(0, 300) }));
          } else {
            fields[key] = v === TWICE ? [String(fields[key]), String(fields[key])] : v;
            r = await callAction(fn, fields);
          }
          calls++;
          const label = `${file}#${name} ${key}=${v === 'file' ? '(a file)' : show(v)}`;
          if ('threw' in r) failures.push(`${label}: threw ${r.threw}`);
          else checkText(label, JSON.stringify(r), failures);
        }
      }
    }
    expect(calls).toBeGreaterThan(20);
    expect(failures).toEqual([]);
  });
});

// `users create --email <e> …` lines of the CLI's help: every command and its options.
