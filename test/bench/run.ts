// `pnpm bench`: every benchmark, numbers printed. Loopback only.
import { benchEventIntake } from './inbox.bench';
import { benchOutboxThroughput } from './outbox.bench';
import { benchStartupAndLogin } from './startup-and-login.bench';
import { benchTicketQueries } from './tickets.bench';

await benchStartupAndLogin();
await benchOutboxThroughput();
await benchEventIntake();
await benchTicketQueries();
