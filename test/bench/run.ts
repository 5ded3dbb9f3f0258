// `pnpm bench`: every benchmark, numbers printed. Loopback only.
import { benchStartupAndLogin } from './startup-and-login.bench';

await benchStartupAndLogin();
