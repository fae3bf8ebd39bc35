import { cookies } from 'next/headers';

export type Locale = 'ru' | 'en';

/** The UI language from the `locale` cookie; Russian unless it says en. */
export async function getLocale(): Promise<Locale> {
  const c = await cookies();
  return c.get('locale')?.value === 'en' ? 'en' : 'ru';
}
