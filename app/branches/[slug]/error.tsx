'use client';

import { ErrorState } from '@/components/ui/states';

export default function BranchError({ reset }: { error: Error; reset: () => void }) {
  return (
    <main className="container">
      <ErrorState onRetry={reset} minHeight={420} />
    </main>
  );
}
