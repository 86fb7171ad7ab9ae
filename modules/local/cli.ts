/**
 * `npm run deploy:local [name]` (`cli.ts deploy`) and `npm run deploy:local:stop` (`cli.ts stop`):
 * see `deploy.ts`.
 */
import { processIo } from '../app/io';
import { forwardInterrupts, runLocalDeploy, runLocalStop } from './deploy';

const io = processIo();
const [command, ...argv] = io.argv;
process.setSourceMapsEnabled(false);
const run = command === 'stop' ? runLocalStop : command === 'deploy' ? runLocalDeploy : undefined;
if (run === undefined) {
  process.stderr.write('usage: node --import tsx modules/local/cli.ts deploy [name] | stop\n');
  process.exitCode = 1;
} else {
  forwardInterrupts();
  void run({ ...io, argv }).then((code) => (process.exitCode = code));
}
