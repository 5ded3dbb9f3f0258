// `pnpm bench`: every benchmark, numbers printed. Loopback only.
import { benchAccess } from './access.bench';
import { benchAlerts } from './alerts.bench';
import { benchFirstLoad } from './first-load.bench';
import { benchEventIntake } from './inbox.bench';
import { benchOutboxThroughput } from './outbox.bench';
import { benchStartupAndLogin } from './startup-and-login.bench';
import { benchTicketQueries } from './tickets.bench';

// `pnpm bench alerts tickets` runs only those; no arguments runs them all.
const benches: Record<string, () => Promise<void>> = {
  startup: benchStartupAndLogin,
  'first-load': benchFirstLoad,
  outbox: benchOutboxThroughput,
  inbox: benchEventIntake,
  tickets: benchTicketQueries,
  alerts: benchAlerts,
  access: benchAccess,
};
const chosen = process.argv.slice(2).filter((name) => name !== '--');
for (const name of chosen) if (!(name in benches)) throw new Error(`Unknown bench "${name}"; choose from ${Object.keys(benches).join(', ')}`);
for (const [name, run] of Object.entries(benches)) if (chosen.length === 0 || chosen.includes(name)) await run();
