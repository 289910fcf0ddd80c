// Types for bench/generate.mjs, which the tests import to build big folders.
export const SIZES: Record<'small' | 'office' | 'decade' | 'city', { assistants: number; from: string; to: string }>;
export function todayAfter(to: string): string;
export function generate(opts: { out: string; assistants: number; from: string; to: string; seed?: number }): number;
