/**
 * Where the Temporal CLI's provisioning lines go (stderr): all of them for a log or a pipe; for a
 * person at a terminal, not go's line per compiled package (hundreds), since the build's
 * progress line every 10 s counts them and names the last one.
 */
import type { LogFormat } from '../workers/log-format';

export function provisioningProgress(format: LogFormat, write: (text: string) => void = (text) => process.stderr.write(text)): (line: string) => void {
  return (line) => {
    if (format === 'pretty' && line.startsWith('go: ')) return;
    write(`${line}\n`);
  };
}
