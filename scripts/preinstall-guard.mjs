// A plain `npm install` would ignore pnpm-lock.yaml and the workspace; point people at the bootstrap.
const agent = process.env.npm_config_user_agent ?? '';
if (!agent.startsWith('pnpm/')) {
  console.error('DingOps uses pnpm. Run `npm start` or `npm test` (they bootstrap pnpm), or `npx -y pnpm@12.4.2 install`.');
  process.exit(1);
}
