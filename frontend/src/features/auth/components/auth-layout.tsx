import type { ReactNode } from 'react';
import { Card } from '@/components/ui/card';

export function AuthLayout({ title, children, footer }: { title: string; children: ReactNode; footer: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-center gap-2">
          <img src="/favicon.svg" alt="" className="size-8" />
          <span className="text-xl font-semibold tracking-tight">TaskFlow</span>
        </div>
        <Card className="p-6">
          <h1 className="mb-5 text-lg font-semibold">{title}</h1>
          {children}
        </Card>
        <p className="mt-4 text-center text-sm text-gray-600 dark:text-gray-400">{footer}</p>
      </div>
    </main>
  );
}
