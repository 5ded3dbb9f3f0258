import { defineConfig } from 'drizzle-kit';

// Tables live beside the code that owns them (STYLE.md §10); migrations are generated, checked in, append-only.
export default defineConfig({
  dialect: 'postgresql',
  schema: ['./server/src/platform/**/*.table.ts', './server/src/modules/**/*.table.ts'],
  out: './migrations',
});
