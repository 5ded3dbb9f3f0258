import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import checkFile from 'eslint-plugin-check-file';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const subfolders = (dir) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

// Modules never import each other (STYLE.md §2): one zone per module, everything else in modules/ is off limits.
const moduleZones = subfolders('server/src/modules').map((name) => ({
  target: `./server/src/modules/${name}`,
  from: './server/src/modules',
  except: [`./${name}`],
  message: 'Modules never import each other: call the other module’s service through app.ts wiring or react to its events.',
}));
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
    plugins: { 'import-x': importX, 'check-file': checkFile },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } }, 'import-x/ignore': ['node_modules'], 'import-x/extensions': ['.ts', '.tsx', '.js'] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'check-file/filename-naming-convention': ['error', { '**/*.{ts,tsx}': 'KEBAB_CASE' }, { ignoreMiddleExtensions: true }],
      'check-file/folder-naming-convention': ['error', { 'server/src/**/': 'KEBAB_CASE', 'miniapp/src/**/': 'KEBAB_CASE', 'shared/src/**/': 'KEBAB_CASE' }],
      'import-x/no-cycle': ['error', { maxDepth: 10, ignoreExternal: true }],
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...moduleZones,
            ...featureZones,
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
