import { redirect } from 'next/navigation';
import { requirePageAdmin } from '@/lib/auth/session';

// /admin – the users section is the start page.
export default async function AdminHome() {
  await requirePageAdmin('/admin');
  redirect('/admin/users');
}
