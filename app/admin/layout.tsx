import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AdminNav } from '@/components/admin/admin-nav';
import { requirePageAdmin } from '@/lib/auth/session';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('admin.nav'))('title') };
}

// Each admin page checks again: a layout is not re-run on every navigation.
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requirePageAdmin();
  return (
    <main className="container admin">
      <AdminNav />
      {children}
    </main>
  );
}
