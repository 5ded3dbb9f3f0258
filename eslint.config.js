import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { moduleContracts } from './scripts/lint/module-contracts.mjs';

const subfolders = (dir) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

// Modules never import each other's files (STYLE.md §2): one zone per module; of another module only its
// index.ts may be named, and module-contracts/type-only-contracts lets that be an `import type` of its contract alone.
const moduleNames = subfolders('server/src/modules');
const moduleZones = moduleNames.map((name) => ({
  target: `./server/src/modules/${name}`,
  from: './server/src/modules',
  except: [`./${name}`, ...moduleNames.filter((other) => other !== name).map((other) => `./${other}/index.ts`)],
  message: 'Modules never import each other: app.ts hands a module the contracts it needs (`import type` from the provider’s index.ts), or react to its events.',
}));
// The DingTalk sandbox is a stand-in for DingTalk, not part of the product: only the start-up (runtime,
// main, cli), the doctor and the demo seeds use it, and only through its index.ts. The demo seeds are
// the start-up's alone. The sandbox itself leans on nothing of the product but DingTalk's wire formats.
const srcEntries = readdirSync('server/src').filter((name) => !name.endsWith('.test.ts'));
const sandboxUsers = ['runtime.ts', 'main.ts', 'cli.ts', 'doctor', 'demo'];
const sandboxZones = [
  {
    target: srcEntries.filter((name) => name !== 'sandbox' && !sandboxUsers.includes(name)).map((name) => `./server/src/${name}`),
    from: './server/src/sandbox',
    message: 'The product never uses the DingTalk sandbox: only runtime.ts, main.ts, cli.ts, doctor/ and demo/ do.',
  },
  {
    target: [...sandboxUsers.map((name) => `./server/src/${name}`), './test'],
    from: './server/src/sandbox',
    except: ['./index.ts'],
    message: 'Use the sandbox through server/src/sandbox/index.ts only; export what you need from there.',
  },
  {
    target: srcEntries.filter((name) => !['runtime.ts', 'demo'].includes(name)).map((name) => `./server/src/${name}`),
    from: './server/src/demo',
    message: 'The demo seeds are wired by runtime.ts alone; modules never know a demo exists.',
  },
  {
    target: './server/src/sandbox',
    from: srcEntries.filter((name) => !['sandbox', 'dingtalk'].includes(name)).map((name) => `./server/src/${name}`),
    message: 'The sandbox imports nothing of DingOps but the DingTalk wire formats in dingtalk/.',
  },
];
const featureZones = subfolders('miniapp/src/features').map((name) => ({
  target: `./miniapp/src/features/${name}`,
  from: './miniapp/src/features',
  except: [`./${name}`],
  message: 'Features never import each other; compose them in src/app.',
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.test-results/**', 'migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX, 'check-file': checkFile, 'module-contracts': moduleContracts },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } }, 'import-x/ignore': ['node_modules'], 'import-x/extensions': ['.ts', '.tsx', '.js'] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'check-file/filename-naming-convention': ['error', { '**/*.{ts,tsx}': 'KEBAB_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { 'server/src/**/': 'KEBAB_CASE', 'miniapp/src/**/': 'KEBAB_CASE', 'shared/src/**/': 'KEBAB_CASE' }],
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
      'module-contracts/type-only-contracts': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...moduleZones,
            ...featureZones,
            ...sandboxZones,
            { target: './server/src/platform', from: './server/src/modules', message: 'platform/ never imports a module.' },
            { target: './server/src/dingtalk', from: ['./server/src/platform', './server/src/modules', './server/src/app.ts'], message: 'dingtalk/ is a plain adapter: it takes what it needs as arguments.' },
            { target: './server/src/db', from: ['./server/src/platform', './server/src/modules', './server/src/dingtalk'], message: 'db/ sits below everything but config.' },
            { target: './shared/src', from: ['./server', './miniapp'], message: 'shared/ imports nothing of server or miniapp.' },
            { target: './miniapp/src', from: './server', message: 'The micro-app talks to the server over HTTP only.' },
            { target: './miniapp/src/lib', from: ['./miniapp/src/features', './miniapp/src/app'], message: 'lib/ sits below the features: it takes what it needs as arguments.' },
            { target: './miniapp/src/components', from: ['./miniapp/src/app', './miniapp/src/features'], message: 'Shared components sit below the app and the features.' },
          ],
        },
      ],
    },
  },
  // Sizes a reader can take in at once (modules/README.md): a function fits a screen or two, a module file stays small.
  {
    files: ['server/src/**/*.ts', 'shared/src/**/*.ts', 'miniapp/src/**/*.{ts,tsx}', 'scripts/**/*.mjs'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: { 'max-lines-per-function': ['error', { max: 120 }] },
  },
  {
    files: ['server/src/modules/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'max-lines': ['error', { max: 300 }] },
  },
  {
    files: ['miniapp/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['dingtalk-jsapi', 'dingtalk-jsapi/*'], message: 'Only src/lib/dingtalk-jsapi.ts talks to dingtalk-jsapi (src/lib/dingtalk.ts loads it where DingTalk may be).' }] }],
    },
  },
  {
    files: ['miniapp/src/lib/dingtalk-jsapi.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
